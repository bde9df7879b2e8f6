# SMS replies. Each aims at one 70-character segment: src/domain/sms-text.ts picks the first that fits.
sms-receipt-full = 已受理，转{ $unit }。查询码{ $code } 密钥{ $secret }，请保存
sms-receipt-unit = 已受理，转{ $unit }。查询码{ $code } 密钥{ $secret }
sms-receipt-save = 举报已受理。查询码{ $code } 密钥{ $secret }，请保存
sms-receipt-bare = 已受理。查询码{ $code } 密钥{ $secret }
sms-ask-place = 收到。事发地点在哪里？请回复市、县区、乡镇名称，如“兴宁区三塘镇”。回复“取消”放弃
sms-ask-text = 请用一条短信说明：哪个单位、什么问题、在什么地方（至少10个字）。回复“取消”放弃
sms-too-long = 内容过长（最多{ $max }字），本条未保存，请精简后重发
sms-cancelled = 已取消，未提交任何内容
sms-nothing-to-cancel = 当前没有进行中的举报
sms-help = 发短信写明问题和地点即可举报。查进展：查询 查询码 密钥；补充：补充 查询码 密钥 内容
sms-status = { $code }：{ $status }
sms-status-reply = { $code }：{ $status }。答复：
sms-bad-receipt = 查询码或密钥不对，请核对。格式：查询 查询码 密钥
sms-add-format = 格式：补充 查询码 密钥 补充内容
sms-rate-limited = 密钥错误次数过多，请一小时后再试
sms-info-added = 已补充到{ $code }，承办单位会看到
sms-resend-later = 系统繁忙，本条短信未能保存，请稍后重发
sms-unit-info =
    【举报补充】{ $code }
    { $text }
sms-status-received = 已收到，待受理
sms-status-accepted = 已受理
sms-status-not_accepted = 不予受理
sms-status-investigating = 核查中
sms-status-substantiated = 查实
sms-status-partly_substantiated = 部分属实
sms-status-unsubstantiated = 不属实
sms-status-closed = 已办结
sms-status-merged = 已合并办理
sms-already-received = 这条短信已收到并处理过

# sms-liaison: 月报 by SMS from liaisons without Telegram (src/app/sms/sms-figures.ts).
sms-figures-not-liaison = 本号码不是任何单位的联络员，月报未填报。如需登记请联系安委办
sms-figures-wrong-count = 月报需要{ $expected }个数，本条找到{ $found }个，未填报。格式：月报 数1 数2 … 数{ $expected }（按报表顺序，用空格分隔）
sms-figures-bad-value = 第{ $n }项“{ $metric }”：{ $problem } 本条未填报，请改正后重发
sms-figures-no-open = 目前没有需要填报的月报表。更正已报月份请发：月报 2018-07 加11个数
sms-figures-no-such-month = 没有{ $period }的月报表可填报，请核对月份
sms-figures-unchanged = { $unit }{ $period }月报已报送（第{ $version }版），数据相同，未作更改
sms-figures-check = 将填报{ $unit }{ $period }月报。请核对：
sms-figures-correction = { $unit }{ $period }月报已报送（第{ $version }版），本条将作为更正。
sms-figures-confirm-hint = 无误请回复“确认”，有误请重发月报
sms-figures-confirm-reason-hint = 请回复“确认 更正原因”提交，如“确认 执法次数录错”
sms-figures-reason-needed = 更正须写明原因：请回复“确认 更正原因”，如“确认 执法次数录错”
sms-figures-nothing-to-confirm = 没有待确认的月报（或已超过24小时）。请重发：月报 加11个数
sms-figures-filed = { $unit }{ $period }月报已报送。{ $late ->
        [yes] 已超过期限，记为逾期报送
       *[no] 谢谢！
    }
sms-figures-corrected = { $unit }{ $period }月报已更正（第{ $version }版），原版本已保留
sms-figures-filed-meanwhile = { $unit }{ $period }月报刚刚已由他人报送，本条未保存。如需更正请重发月报
## answer-review
sms-status-objected = 已提出异议，待复核
sms-status-under_review = 复核中
sms-answer = { $code }：{ $status }。结论：{ $conclusion }；情况：{ $summary }；决定：{ $decision }；奖励：{ $rewardEligibility }
sms-answer-object = 。{ $until }前可发：异议 查询码 密钥 理由
sms-objection-format = 请发送：异议 查询码 密钥 理由
sms-objection-not-answered = { $code }尚未答复，收到答复后才能提出异议。您的话已补充到举报中
## route-learn: 可能紧急时问一句（#14 第2项）
sms-urgency-question = 现在是否有人处于危险？回复 1 是 / 2 否
sms-urgency-noted = 已记录：现在没有人处于危险。如情况变化请立即拨打 119 或 110。
## reporter-polish: 查询回复中的奖励（#12 第5项）
sms-reward-awaiting_claim = 。奖励{ $amount }元待领取，{ $claimBy }前凭查询码和密钥在网站申领
sms-reward-claimed = 。奖励{ $amount }元已申领，待发放
sms-reward-paid = 。奖励{ $amount }元已于{ $paidOn }发放
sms-reward-lapsed = 。奖励{ $amount }元已于{ $claimBy }逾期未领
