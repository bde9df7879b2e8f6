tip-receipt =
    举报已受理登记，已转交 { $unit } 处理。
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
