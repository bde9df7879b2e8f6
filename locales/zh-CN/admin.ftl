## 管理后台（安委办及部门工作人员）

admin-title = 举报受理后台
admin-login-title = 工作人员登录
admin-username = 用户名
admin-password = 密码
admin-totp = 动态验证码（如已启用）
admin-login-submit = 登录
admin-logout = 退出登录
admin-login-invalid = 用户名、密码或验证码不正确。
admin-login-throttled = 尝试次数过多，请15分钟后再试。
admin-login-totp-required = 请输入身份验证器中的动态验证码。
admin-signed-in-as = 当前用户：{ $name }（{ $role }）
admin-role-committee = 安委办
admin-role-unit = 单位工作人员
admin-role-viewer = 只读
admin-role-admin = 系统管理员
admin-nav-queue = 举报队列
admin-nav-audit = 审计日志
admin-nav-staff = 账号管理
admin-language = English

admin-queue-title = 举报队列
admin-filter-status = 状态
admin-filter-sector = 行业领域
admin-filter-jurisdiction = 行政区划代码
admin-filter-unit = 单位编号
admin-filter-urgent = 仅紧急
admin-filter-overdue = 仅逾期
admin-filter-channel = 渠道
admin-filter-from = 起始日期
admin-filter-to = 截止日期
admin-filter-q = 搜索内容或查询码
admin-filter-sort = 排序
admin-sort-newest = 最新
admin-sort-urgent = 紧急优先
admin-filter-apply = 筛选
admin-any = 全部
admin-col-code = 查询码
admin-col-received = 收到时间
admin-col-status = 状态
admin-col-sector = 行业
admin-col-unit = 承办单位
admin-col-place = 地点
admin-col-text = 内容
admin-queue-empty = 没有符合条件的举报。
admin-queue-total = 共 { $total } 件
admin-page-prev = 上一页
admin-page-next = 下一页
admin-urgent = 紧急
admin-overdue = 逾期

admin-status-received = 待受理
admin-status-accepted = 已受理
admin-status-not_accepted = 不予受理
admin-status-investigating = 核查中
admin-status-substantiated = 查实
admin-status-partly_substantiated = 部分属实
admin-status-unsubstantiated = 不属实
admin-status-closed = 办结
admin-status-merged = 已合并

admin-channel-telegram = Telegram
admin-channel-web = 网页
admin-channel-api = 接口
admin-channel-sms = 短信

admin-tip-title = 举报 { $code }
admin-tip-text = 举报内容
admin-tip-place = 地点
admin-tip-enterprise = 企业
admin-tip-unit = 承办单位
admin-tip-routing = 分派说明
admin-tip-deadlines = 期限
admin-deadline-accept = 受理期限
admin-deadline-handle = 核查期限
admin-time-left = 剩余 { $days } 天 { $hours } 小时
admin-time-overdue = 已逾期 { $days } 天 { $hours } 小时
admin-tip-attachments = 附件
admin-tip-no-attachments = 无附件
admin-tip-attachment-unnamed = 附件 #{ $id }
admin-tip-merged-into = 已合并到
admin-tip-events = 处理记录
admin-tip-reporter = 举报人
admin-tip-reporter-hidden = 匿名（举报人未同意公开身份）
admin-tip-actions = 操作
admin-tip-back = 返回队列

admin-action-accept = 受理
admin-action-reject = 不予受理
admin-action-transfer = 移交
admin-action-investigate = 开始核查
admin-action-result = 记录核查结果
admin-action-close = 办结并反馈
admin-action-merge = 合并到另一举报
admin-action-message = 给举报人留言
admin-action-reward = 奖励决定
admin-field-reason = 理由
admin-field-note = 内部备注（仅工作人员可见，不会告知举报人）
admin-field-message = 给举报人的留言（选填；举报人会看到，并在其举报渠道收到）
admin-field-reject-reason = 不予受理的理由（会告知举报人）
admin-field-message-text = 留言内容（举报人会看到）
admin-field-unit = 新承办单位
admin-transfer-suggested = 按最接近的行业建议: { $units }（已预选第一个）
admin-field-result = 核查结果
admin-field-findings = 简要核查情况
admin-field-measures = 采取的执法措施
admin-field-fine = 罚款金额（元）
admin-field-conclusion = 核查结论
admin-field-summary = 简要核查情况
admin-field-decision = 处理决定
admin-field-reward-eligibility = 符合奖励条件情况
admin-field-into = 合并到（对方举报的查询码）
admin-field-text = 留言内容
admin-field-amount = 奖励金额（元）
admin-field-basis = 奖励依据

admin-done = 已保存。
admin-error-invalid_input = 输入不完整或不正确，请检查后重试。
admin-error-conflict = 该举报当前状态不允许此操作。
admin-error-forbidden = 此操作需要安委办权限。
admin-error-reward_taken = 同一事项的另一条举报已决定给予奖励：只奖励最先举报且符合条件的举报人。如需记录，请填写金额0并说明理由。
admin-error-not_found = 未找到该记录。
admin-error-csrf = 表单已过期，请刷新页面后重试。
admin-error-too_large = 提交的内容太大，请缩小后重试（企业名录文件最大 8 MB）。
admin-error-title = 出错了

admin-event-received = 收到举报
admin-event-routed = 自动分派
admin-event-message = 给举报人的留言
admin-event-note = 内部备注
admin-event-public = 举报人可见
admin-event-alerted = 通知联络员
admin-event-accepted = 受理
admin-event-not_accepted = 不予受理
admin-event-transferred = 移交
admin-event-investigating = 开始核查
admin-event-result = 核查结果
admin-event-closed = 办结
admin-event-merged = 合并
admin-event-merged_from = 并入重复举报
admin-event-staff_message = 给举报人的留言
admin-event-reward = 奖励决定
admin-event-reporter_info = 举报人补充材料
admin-event-at = 时间
admin-event-kind = 事项
admin-event-actor = 操作人
admin-event-details = 内容
admin-actor-reporter = 举报人
admin-actor-system = 系统
admin-actor-seed = 初始数据
admin-actor-cli = 命令行
admin-actor-liaison = 联络员 #{ $id }
admin-reward-claim-by = 领取期限

admin-audit-title = 审计日志校验
admin-audit-ok = 审计链完整：已校验 { $checked } 条记录。
admin-audit-broken = 审计链断裂：第一条异常记录编号 { $id }（{ $problem }）。
admin-audit-recent = 最近记录
admin-audit-col-id = 序号
admin-audit-col-action = 操作
admin-audit-col-record = 对象
admin-audit-col-hash = 校验值
admin-audit-problem-hash = 内容与校验值不符
admin-audit-problem-link = 与前一条的链接断开
admin-audit-action-tip-received = 收到举报
admin-audit-action-tip-accepted = 受理
admin-audit-action-tip-not-accepted = 不予受理
admin-audit-action-tip-transferred = 移交
admin-audit-action-tip-investigating = 开始核查
admin-audit-action-tip-result = 记录核查结果
admin-audit-action-tip-closed = 办结
admin-audit-action-tip-merged = 合并
admin-audit-action-tip-staff-message = 给举报人留言
admin-audit-action-tip-reward = 奖励决定
admin-audit-action-tip-reporter-info = 举报人补充信息
admin-audit-action-campaign-started = 启动专项行动
admin-audit-action-enterprise-imported = 导入企业
admin-audit-action-enterprise-updated = 修改企业
admin-audit-action-figures-submit = 报送月报表
admin-audit-action-figures-correct = 更正月报表
admin-audit-action-liaison-bound = 联络员绑定
admin-audit-action-liaison-invite-created = 生成联络员邀请
admin-audit-action-liaison-left = 联络员退出
admin-audit-action-liaison-phone-set = 设置联络员手机号
admin-audit-action-liaison-removed = 移除联络员
admin-audit-action-obligation-done = 任务完成
admin-audit-action-obligation-document-attached = 任务上传材料
admin-audit-action-routing-rule-created = 新增分派规则
admin-audit-action-routing-rule-changed = 修改分派规则
admin-audit-action-routing-rule-deleted = 删除分派规则
admin-audit-action-staff-created = 新建账号
admin-audit-action-staff-login = 登录
admin-audit-action-staff-logout = 退出登录
admin-audit-entity-tip = 举报
admin-audit-entity-campaign = 专项行动
admin-audit-entity-enterprise = 企业
admin-audit-entity-unit = 单位
admin-audit-entity-liaison = 联络员
admin-audit-entity-monthly-report = 月报表
admin-audit-entity-obligation = 任务
admin-audit-entity-routing-rule = 分派规则
admin-audit-entity-staff-user = 账号

admin-staff-title = 账号管理
admin-staff-create = 新建账号
admin-staff-display-name = 姓名
admin-staff-role = 角色
admin-staff-jurisdiction = 行政区划代码（安委办必填）
admin-staff-unit = 单位编号或键（单位工作人员必填）
admin-staff-created = 账号已创建：{ $username }
admin-staff-weak = 密码太弱：至少12个字符，不能包含用户名或常见密码。

## 发给举报人的消息（经发件箱，发到举报人原渠道）

admin-reporter-accepted = 您的举报（查询码 { $code }）已受理，将于 { $verifyBy } 前完成核查。
admin-reporter-not-accepted = 您的举报（查询码 { $code }）不予受理。理由：{ $reason }
admin-reporter-feedback =
    您的举报（查询码 { $code }）已办结。
    核查结论：{ $conclusion }
    简要核查情况：{ $summary }
    处理决定：{ $decision }
    符合奖励条件情况：{ $rewardEligibility }
    如对结论有异议，可在收到本答复之日起10日内提出。
admin-reporter-message = 关于您的举报（查询码 { $code }），工作人员留言：{ $text }
admin-reporter-investigating = 您的举报（查询码 { $code }）已开始核查。
admin-reporter-staff-says = 工作人员留言：{ $text }
admin-reporter-reward = 您的举报（查询码 { $code }）获得举报奖励 { $amount } 元（依据：{ $basis }）。请于 { $claimBy } 前凭查询码和密钥领取，无需透露身份以外的信息。
admin-reporter-no-reward = 关于您的举报（查询码 { $code }）的奖励决定：不予奖励。依据：{ $basis }

## 发给承办单位联络员

admin-unit-transferred = 移交给贵单位的举报 { $code }。移交理由：{ $reason }
    内容：{ $text }

## 联络员通知（紧急举报告知是否真的送达）
admin-alerts = 联络员通知
admin-alert-unit = 承办单位 { $name }
admin-alert-committee = 上级安委办 { $name }
admin-alert-reachable = 有可联系的联络员
admin-alert-unreachable = 目前没有可联系的联络员（未绑定 Telegram，也未登记手机号）
admin-alert-told = 收到举报时已通知 { $count } 名联络员
admin-alert-not-told = 收到举报时没有通知到任何联络员
admin-alert-count-unit = 已通知的承办单位联络员
admin-alert-count-committee = 已通知的上级安委办联络员
admin-no-liaison = 无联络员
admin-committee-no-liaison = 上级安委办无联络员
admin-untold-title = 有 { $count } 条紧急举报在收到时没有通知到任何联络员，请立即处理：
admin-untold-accept-by = 受理期限 { $due }

# imports-exports (#13 item 6)
admin-export-label = 导出（当前筛选的全部举报，不含举报人信息）：
admin-export-yes = 是
admin-export-no = 否
