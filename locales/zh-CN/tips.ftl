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

## route-learn: 举报人短信确认现实危险（#14 第2项）
tip-unit-urgent-confirmed =
    【紧急】{ $code } 举报人短信确认现在有人处于危险，请立即处置。
    { $text }
    受理期限：{ $acceptBy }
