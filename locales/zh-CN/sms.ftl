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

## route-learn: 可能紧急时问一句（#14 第2项）
sms-urgency-question = 现在是否有人处于危险？回复 1 是 / 2 否
sms-urgency-noted = 已记录：现在没有人处于危险。如情况变化请立即拨打 119 或 110。
