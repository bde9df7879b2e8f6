tip-receipt =
    举报已收到并登记，已转交 { $unit } 处理。
    查询码：{ $code }
    密钥：{ $secret }
    请妥善保存查询码和密钥（密钥只显示这一次），凭它们可查询进展、补充材料。
tip-receipt-sms = 已收到举报，转交{ $unit }。查询码{ $code } 密钥{ $secret }
tip-unit-new =
    【新举报】{ $code }{ $urgent ->
        [yes] （紧急）
       *[no] {""}
    }
    行业：{ $sector }　地点：{ $place }
    { $text }
    受理期限：{ $acceptBy }
tip-unit-alert =
    【紧急举报告知】{ $code } 已转交 { $unit }，存在现实危险，请督促立即处置。
    { $text }

## 紧急举报的回执：只说实际通知了谁
tip-urgent-alerted = 您报告了现实危险，这条举报已标记为紧急，并已通知：{ $alerted }。如有人员生命危险，请立即拨打 119 或 110。
tip-urgent-staff = 您报告了现实危险，这条举报已标记为紧急，工作人员将在举报处理系统中收到提醒。如有人员生命危险，请立即拨打 119 或 110。

## 举报人看到的进展（每一步一个名称，不与状态名混用）
tip-event-received = 举报已接收
tip-event-reporter_info = 您补充了材料
tip-event-accepted = 已受理
tip-event-not_accepted = 不予受理
tip-event-investigating = 正在核查
tip-event-result = 核查结果
tip-event-staff_message = 工作人员留言
tip-event-closed = 已办结
tip-event-merged = 已与同一事项的举报合并办理
tip-event-reward = 奖励决定
tip-event-update = 办理进展

## clock-extension
tip-event-extended = 核查期限经批准延长
tip-event-due-on = 核查期限：{ $date }
## answer-review: 答复、异议与复核（#12）
tip-event-objected = 您提出了异议
tip-event-review_started = 上级安委办已开始复核
tip-event-reviewed = 复核答复
tip-answer-conclusion = 核查结论
tip-answer-summary = 简要核查情况
tip-answer-decision = 处理决定
tip-answer-reward = 符合奖励条件情况
tip-answer-message =
    您的举报（查询码 { $code }）已办结，答复如下。
    核查结论：{ $conclusion }
    简要核查情况：{ $summary }
    处理决定：{ $decision }
    符合奖励条件情况：{ $rewardEligibility }
    如有异议，可在 { $until } 前提出，由上级安委办复核。{ $how }
tip-answer-object-sms = 请发送：异议 { $code } 密钥 理由
tip-answer-object-telegram = 请点下方“提出异议”。
tip-answer-object-web = 可在网站“查询进度”页面凭查询码和密钥提出。
tip-answer-review-message =
    您的举报（查询码 { $code }）复核已完成，复核答复如下。
    核查结论：{ $conclusion }
    简要核查情况：{ $summary }
    处理决定：{ $decision }
    符合奖励条件情况：{ $rewardEligibility }
    复核答复为最终答复。
tip-review-started-message = 您对举报（查询码 { $code }）答复的异议已由上级安委办开始复核。
tip-objection-button = 提出异议
tip-objection-ask = 请写下您对 { $code } 答复的异议理由（一条消息，至少两个字）。发送 /cancel 取消。
tip-objection-done = 异议已提交（{ $code }），上级安委办将于 { $date } 前开始复核。
tip-objection-refused-not_answered = { $code } 还没有答复，收到答复后才能提出异议。
tip-objection-refused-window_closed = { $code } 的异议期限已于 { $date } 届满，不能再提出异议。
tip-objection-refused-already_objected = { $code } 已提出过异议，正在等待或进行复核。
tip-objection-refused-final = { $code } 的复核已答复，复核答复为最终答复。
tip-objection-too-short = 请写明异议理由（至少两个字）。
tip-objection-expired = 提出异议的对话已结束，请重新点“提出异议”。
tip-objection-not-yours = 找不到这个对话提交的该条举报。
tip-objection-staff-notice = 【异议】举报 { $code } 的举报人对答复提出异议，上级安委办应于 { $date } 前开始复核。
## reward (#12 item 5)
tip-event-reward_claimed = 您已申领奖励
tip-event-reward_paid = 奖励已发放
tip-event-reward_lapsed = 奖励逾期未领
## route-learn: 举报人短信确认现实危险（#14 第2项）
tip-unit-urgent-confirmed =
    【紧急】{ $code } 举报人短信确认现在有人处于危险，请立即处置。
    { $text }
    受理期限：{ $acceptBy }
