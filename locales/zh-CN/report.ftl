## /report：举报对话

report-start-button = 📝 我要举报
report-intro =
    感谢您举报安全生产违法行为和事故隐患。默认匿名：除非您同意，工作人员看不到您的身份。
    随时发送 /back 返回上一步，/cancel 放弃本次举报。
report-resume = 您有一份未完成的举报，从上次的步骤继续。发送 /cancel 可放弃并重新开始。
report-busy = 系统繁忙，请稍后再发一次。
report-cancelled = 已取消本次举报，您填写的内容已删除。需要时发送 /report 重新开始。
report-none = 当前没有进行中的举报。
report-stale-button = 这个按钮已过期，请使用下面最新的选项。
report-first-step = 这已经是第一步了。
report-hint-buttons = 请点击下面的按钮作答。
report-unsupported-message = 这一步不能接收这种消息。
report-too-long = 内容太长了，最多 { $max } 个字，请精简后再发。

report-ask-sector = 第 1 步：问题属于哪个行业领域？不确定就选“不确定”。
report-sector-coal_mine = 煤矿
report-sector-non_coal_mine = 非煤矿山
report-sector-hazardous_chemicals = 危险化学品
report-sector-fireworks = 烟花爆竹
report-sector-transport = 交通运输
report-sector-construction = 建筑施工
report-sector-fire_safety = 消防
report-sector-industry_trade = 工贸
report-sector-civil_explosives = 民用爆炸物品
report-sector-culture_tourism = 文化旅游
report-sector-other = 其他
report-sector-unsure = 不确定

report-ask-place = 第 2 步：在哪里？请选择所在的市，或直接输入地名、地址，也可以分享位置。
report-ask-place-within = 第 2 步：当前选择：{ $place }。请继续选择下一级，或点“就到这一级”。
report-place-this-level = ✓ 就到这一级（{ $place }）
report-place-up = ⬆ 上一级
report-place-share-location = 📍 分享位置
report-place-skip = 不清楚，跳过
report-place-hint = 请点选地区，输入地名，或分享位置。
report-ask-location = 请点击下方“发送我的位置”按钮。位置只用于确定负责的部门。
report-location-button = 📍 发送我的位置
report-location-cancel = 不分享位置
report-location-closed = 好的。

report-ask-enterprise = 第 3 步：涉及哪家企业或单位？请输入名称或统一社会信用代码（可选）。
report-enterprise-hint = 请输入企业名称或统一社会信用代码，或点“跳过”。
report-credit-code-invalid = 统一社会信用代码 { $code } 的校验位不对，可能输错了。请核对后重新输入，或只输入企业名称。
report-skip = 跳过

report-ask-text = 第 4 步：请描述发现的问题：什么情况、在哪个位置、从什么时候开始（至少 { $min } 个字）。
report-text-hint = 请用文字描述问题。
report-text-too-short = 描述太短（{ $count } 个字）。请至少写 { $min } 个字，说明具体是什么问题，方便核查。

report-ask-files = 第 5 步：如有照片或文件（图片、PDF），现在可以发送，最多 { $max } 个；没有就点“跳过”。照片的位置等隐藏信息会在保存前清除。
report-files-received = 已收到 { $count } 个文件。可以继续发送，或点“完成”。
report-files-done = 完成
report-files-hint = 请发送照片或文件，或点下面的按钮继续。
report-file-too-many = 最多可以附 { $max } 个文件。
report-file-too-large = 文件太大了，每个文件不能超过 { $mb } MB。
report-file-unsupported = 只能接收图片（JPEG、PNG、WebP）和 PDF 文件。

report-ask-urgent = 第 6 步：现在是否有人身处危险、随时可能发生事故？
    （如有紧急危险，请先拨打 119 或 110。）
report-urgent-yes = 是，有紧急危险
report-urgent-no = 否

report-ask-contact = 第 7 步：匿名举报，还是留下联系方式？留下联系方式，查实后可以申请举报奖励，工作人员也能向您核实情况。
report-contact-anonymous = 匿名举报
report-contact-leave = 留下联系方式（可申请奖励）
report-ask-contact-value = 请输入您的姓名和联系电话。内容加密保存。
report-contact-hint = 请输入姓名和联系电话。
report-ask-consent = 是否同意处理部门的工作人员看到您的姓名和联系方式？不同意，他们只能通过本平台联系您，您的身份对他们保密。
report-consent-yes = 同意
report-consent-no = 不同意，对工作人员保密

report-review =
    请核对您的举报：
    行业：{ $sector }
    地点：{ $place }
    企业：{ $enterprise }
    问题：{ $text }
    附件：{ $files } 个
    紧急危险：{ $urgent }
    身份：{ $identity }
    确认无误请点“提交”，需要修改请点对应的按钮。
report-review-none = （未填写）
report-review-location = 位置 { $lat }, { $lon }
report-review-anonymous = 匿名
report-review-contact-consent = { $contact }（同意工作人员查看）
report-review-contact-no-consent = { $contact }（对工作人员保密）
report-edit-sector = ✏️ 行业
report-edit-place = ✏️ 地点
report-edit-enterprise = ✏️ 企业
report-edit-text = ✏️ 问题
report-edit-files = ✏️ 附件
report-edit-urgent = ✏️ 紧急危险
report-edit-contact = ✏️ 身份
report-submit = ✅ 提交
report-back = ⬅ 返回
report-cancel = ✖ 取消

report-submitted =
    ✅ 举报已保存，已转交 { $unit }处理。
    查询码和密钥将在下一条消息中发给您，请妥善保存。{ $urgent ->
        [yes] {""}
          { $notice }
       *[no] {""}
    }{ $dropped ->
        [0] {""}
       *[other] {""}
          有 { $dropped } 个文件无法读取或格式不支持，没有附上。
    }

## /status：查询进展、补充材料

report-status-usage = 查询某条举报的进展，或给它补充信息、照片，请发送：/status 查询码 密钥
report-status-none = 这个对话还没有提交过举报。如果您有查询码和密钥，请发送：/status 查询码 密钥
report-status-list = 您从这个对话提交的举报：
report-status-line = · { $code } — { $status } — { $date } — { $unit }
report-status-not-found = 查询码或密钥不正确。请核对后再试（密钥只在提交时显示过一次）。
report-status-rate-limited = 这个查询码尝试错误的次数太多，请 { $minutes } 分钟后再试。
report-status-one =
    查询码：{ $code }
    状态：{ $status }
    处理单位：{ $unit }
    提交时间：{ $date }
report-status-history = 进展：
report-status-received = 已收到，待受理
report-status-accepted = 已受理
report-status-not_accepted = 不予受理
report-status-investigating = 核查中
report-status-substantiated = 查实
report-status-partly_substantiated = 部分属实
report-status-unsubstantiated = 不属实
report-status-closed = 已办结
report-status-merged = 已与同一事项的举报合并办理
report-followup-button = ➕ 补充信息或照片
report-followup-ask = 请发送要补充到 { $code } 的文字、照片或文件（可以发多条），发完点“完成”。
report-followup-added = 已补充到 { $code }，处理单位会收到通知。可以继续发送，或点“完成”。
report-followup-finish = 完成
report-followup-done = 好的，补充已结束。
report-followup-expired = 查询已过期，请重新发送：/status 查询码 密钥

## answer-review
report-status-objected = 已提出异议，待复核
report-status-under_review = 复核中
## reporter-polish: /status 中的奖励（#12 第5项）
report-reward-claim-how = 请在截止日期前到网站“查询进度”页面，凭查询码和密钥申领。
