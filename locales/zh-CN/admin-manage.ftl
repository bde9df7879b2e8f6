## 管理页面：单位与联络员、企业、分派规则

admin-manage-nav-units = 单位
admin-manage-nav-enterprises = 企业
admin-manage-nav-rules = 分派规则
admin-manage-filter = 筛选
admin-manage-reason = 理由
admin-manage-done = 已保存。
admin-manage-jurisdiction = 行政区划代码
admin-manage-units-title = 单位与联络员
admin-manage-unit-name = 单位
admin-manage-unit-kind = 类型
admin-manage-unit-liaisons = 联络员
admin-manage-unit-inactive = 已停用
admin-manage-unit-kind-committee = 安委办
admin-manage-unit-kind-department = 部门
admin-manage-unit-kind-township = 乡镇（街道）
admin-manage-liaison-id = 编号
admin-manage-liaison-channels = 联系方式
admin-manage-liaison-created = 加入时间
admin-manage-liaison-status = 状态
admin-manage-liaison-active = 在职
admin-manage-liaison-removed = 已移除：{ $reason }
admin-manage-liaison-none = 本单位还没有联络员。
admin-manage-liaison-remove = 移除联络员
admin-manage-liaison-actions = 操作
admin-manage-liaison-removed-ok = 联络员已移除，并已通知本人。
admin-manage-invite = 生成邀请链接
admin-manage-invite-once = 邀请链接只显示这一次，请立即发给联络员（{ $expires } 前有效，仅可使用一次）：
admin-manage-invite-no-username = 未配置机器人用户名：请让联络员在机器人对话中发送下面的命令。
admin-manage-enterprises-title = 企业（生产经营单位）
admin-manage-enterprise-search = 名称或统一社会信用代码
admin-manage-enterprise-name = 名称
admin-manage-enterprise-credit = 统一社会信用代码
admin-manage-enterprise-sector = 行业领域
admin-manage-enterprise-level = 执法层级
admin-manage-enterprise-risk = 风险等级
admin-manage-enterprise-blacklisted = 黑名单
admin-manage-enterprise-edit = 编辑
admin-manage-enterprise-save = 保存
admin-manage-enterprise-total = 共 { $total } 家，第 { $page } / { $pages } 页
admin-manage-prev = 上一页
admin-manage-next = 下一页
admin-manage-yes = 是
admin-manage-no = 否
admin-manage-level-province = 自治区（省）级
admin-manage-level-city = 市级
admin-manage-level-county = 县级
admin-manage-risk-good = 好
admin-manage-risk-average = 一般
admin-manage-risk-poor = 差
admin-manage-import-title = 导入企业（CSV）
admin-manage-import-help = 第一行为下面表头的 CSV 文件，UTF-8（可带 BOM）或 GBK 编码均可（Excel“另存为 CSV”即可）。按统一社会信用代码新增或更新。只要有一行有误，整个文件都不会导入。
admin-manage-import-columns = 各列的取值
admin-manage-import-col-name = 企业名称
admin-manage-import-col-credit = 18 位统一社会信用代码（可空）
admin-manage-import-col-sector = 行业代码或名称：
admin-manage-import-col-jurisdiction = 所在地行政区划代码（6 位或 9 位）
admin-manage-import-col-level = 监管层级（代码或名称，如 县级）：
admin-manage-import-col-risk = 风险等级（可空，默认为“一般”）：
admin-manage-import-col-blacklisted = 是否列入黑名单：
admin-manage-import-file = CSV 文件
admin-manage-import-submit = 导入
admin-manage-import-ok = 已导入 { $rows } 家企业（新增 { $created }，更新 { $updated }）。
admin-manage-import-failed = 文件有 { $count } 处错误，未导入任何数据：
admin-manage-import-row = 第 { $row } 行，{ $field }：{ $reason }
admin-manage-csv-csv = CSV 格式错误（引号不匹配）
admin-manage-csv-encoding = { $detail ->
    [utf16] 文件是 UTF-16（“Unicode 文本”）：请在表格软件中另存为 CSV 后再导入
    [nul] 文件含有空字符（NUL），不是文本 CSV：请在表格软件中另存为 CSV 后再导入
   *[other] 文件既不是 UTF-8 也不是 GBK/GB18030 编码：请在表格软件中另存为 CSV 后再导入
}
admin-manage-csv-header = 表头缺少列
admin-manage-csv-empty = 文件没有数据行
admin-manage-csv-too_many = 行数过多（最多 { $detail } 行）
admin-manage-csv-required = 必填
admin-manage-csv-too_long = 太长
admin-manage-csv-credit_length = 应为 18 位
admin-manage-csv-credit_charset = 含有不允许的字符（不用 I、O、Z、S、V）
admin-manage-csv-credit_check = 校验码错误（按规则应为 { $detail }）
admin-manage-csv-duplicate = 与第 { $detail } 行重复
admin-manage-csv-sector = 未知的行业“{ $detail }”（填行业代码如 fireworks，或名称如 烟花爆竹）
admin-manage-csv-jurisdiction = 未知的行政区划代码“{ $detail }”
admin-manage-csv-scope = 行政区划“{ $detail }”不在您的管辖范围内
admin-manage-csv-level = 未知的监管层级“{ $detail }”（填 省级、市级、县级、乡镇级，或 province、city、county、township）
admin-manage-csv-risk = 应为 good、average 或 poor
admin-manage-csv-boolean = 应为 是/否、1/0 或 true/false
admin-manage-rules-title = 分派规则
admin-manage-rules-help = 规则按“行业领域 × 行政区划 → 单位”分派举报；某行政区划没有规则时，逐级向上查找。
admin-manage-rule-sector = 行业领域
admin-manage-rule-unit = 承办单位
admin-manage-rule-updated = 最后修改
admin-manage-rule-change = 修改
admin-manage-rule-delete = 删除
admin-manage-rule-add = 新增或修改规则
admin-manage-rule-none = 此行政区划没有单独设置的规则。
admin-manage-test-title = 用一段文字试分派
admin-manage-test-text = 举报内容
admin-manage-test-place = 地点
admin-manage-test-submit = 试一试
admin-manage-test-result = 分派结果：{ $sector } → { $jurisdiction } → { $unit }
admin-manage-test-explanation = 说明
admin-manage-rule-seed-note = 默认：谁主管谁负责
admin-manage-test-clear = 清除试分派结果

# sms-liaison: phone-only liaisons, invite QR codes and the printable invite sheet.
admin-manage-phone-title = 添加短信联络员（不用 Telegram）
admin-manage-phone-help = 提醒将以短信发送，附一次性网上登录链接；联络员可直接回复“月报”加11个数填报。手机号加密保存。
admin-manage-phone-label = 手机号
admin-manage-phone-add = 添加
admin-manage-phone-added = 已添加短信联络员 { $phone }。
admin-manage-phone-invalid_phone = 这不是有效的中国大陆手机号（11 位，以 1 开头）。
admin-manage-phone-already_liaison = 该手机号已是本单位的联络员。
admin-manage-invite-qr = 用手机扫描二维码打开邀请链接
admin-manage-invite-sheet = 生成并打印邀请单
invite-sheet-title = { $unit } 联络员邀请
invite-sheet-intro = 您被邀请担任 { $unit } 的安全生产举报联络员。绑定后，您将在 Telegram 中收到本单位的转办举报、截止提醒，并可填报月报表。
invite-sheet-step-1 = 1. 在手机上安装并打开 Telegram。
invite-sheet-step-2 = 2. 用手机相机扫描下方二维码，或在浏览器中输入下方链接。
invite-sheet-step-3 = 3. 在打开的对话中点击“开始”（START），看到“绑定成功”即完成。
invite-sheet-once = 此邀请只能使用一次，有效期至 { $expires }。请勿转发他人。
invite-sheet-no-telegram = 无法使用 Telegram 的联络员，请安委办在单位页面登记其手机号，改用短信提醒和短信填报。
invite-sheet-link = 邀请链接
invite-sheet-print = 打印
## route-learn: 从工作人员的转办中学习（#14 第5项）
admin-rule-suggestions-title = 根据转办记录建议的规则
admin-rule-suggestions-none = 暂无建议：同类转办达到 3 条时会在这里提出规则。
admin-rule-suggestion = { $count } 条{ $place }的“{ $sector }”举报由系统分给{ $from }，工作人员都转给了{ $to }。建议规则：{ $sector } × { $place } → { $to }
admin-rule-suggestion-accept = 采纳（设为规则）
admin-rule-suggestion-dismiss = 不采纳
admin-routing-accuracy = 近 90 天工作人员处理的 { $decided } 条举报中，{ $kept } 条维持系统分派（{ $pct }%）。
admin-routing-accuracy-none = 近 90 天还没有工作人员处理过的举报。
# imports-exports (#13 items 5–6)
admin-manage-csv-garbled = 乱码（文件编码不对）{ $detail ->
    [none] ，请用正确的编码重新保存后再导入
   *[other] ：看起来原文是“{ $detail }”，请用正确的编码重新保存后再导入
}
admin-manage-level-township = 乡镇级
# unit-import (#13 item 5)
admin-units-import-title = 导入单位（CSV）
admin-units-import-help = CSV 文件，第一行为下面的表头，编码为 UTF-8（可带 BOM）或 GBK（中文 Windows 上 Excel 保存的格式）。每一行新建一个单位，与上面的表单相同。同一行政区划下已有同名单位的，不修改、不导入：请在该单位页面改名或撤销。任何一行有错，整个文件都不导入。
admin-units-import-col-name = 单位名称（必填）
admin-units-import-col-name-en = 英文名称（可空）
admin-units-import-col-kind = 乡镇类（乡镇、街道、片区服务中心、办事处）或部门：
admin-units-import-col-sectors = 负责的行业领域，用 ; 分隔（可空），填代码或中文名称：
admin-units-import-col-route = 该区划下这些行业的举报是否交由本单位处理（空为否）：
admin-units-import-ok = 已新建 { $count } 个单位：
admin-manage-csv-kind = 未知的单位类型“{ $detail }”（填 乡镇 或 部门，或 township、department）
admin-manage-csv-unit_duplicate = 与第 { $detail } 行的名称和行政区划相同
admin-manage-csv-exists = 该行政区划下已有名为“{ $detail }”的单位（请在该单位页面改名或撤销）

## router
admin-sector-suggestions-title = 根据工作人员改分的行业规则建议
admin-sector-suggestions-none = 暂无行业建议：同一行业有 3 条举报被转给另一行业的单位时，这里会列出区分它们的词语。
admin-sector-suggestion-term = { $count } 条系统判为“{ $from }”的举报被工作人员转给了“{ $to }”；其中 { $support } 条含有下面这个区分词。建议规则：
admin-sector-suggestion-enterprise = 该企业的 { $count } 条举报被工作人员转给了“{ $to }”。建议规则：
admin-sector-suggestion-accept = 采纳（立即生效）
admin-sector-rules-title = 生效中的行业规则
admin-sector-rules-none = 尚无采纳的行业规则。
admin-sector-rule-revoke = 撤销
