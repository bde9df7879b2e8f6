figures-period = { $year }年{ $month }月
figures-usage = 用法：/figures 填报最早未报的月份；/figures 2018-07 填报或更正指定月份。
figures-not-liaison = 您还不是任何单位的联络员。请向本级安委办索取联络员邀请链接。
figures-no-open = 目前没有需要填报的月报表。
figures-no-conversation = 当前没有正在填报的月报表。发送 /figures 开始填报。
figures-conflict = 这份月报表刚刚在别处被修改了，请发送 /figures 重新打开。
figures-cancelled = 已取消，未保存任何数据。需要时发送 /figures 重新开始。
figures-choose-unit = 您是多个单位的联络员，请选择要填报的单位：
figures-intro =
    开始填报 { $unit } { $period } 月报表，共 { $total } 项。
    可以逐项回答，也可以按表格顺序在一条消息里发送全部 { $total } 个数字（用空格或顿号分隔）。
    数字可以写阿拉伯数字或中文数字（如“十二”“两千”）；经济处罚以万元计，也可写“3500元”“3.5万元”。
figures-ask = 第 { $n }/{ $total } 项：{ $metric }（{ $unit }）本月数是多少？
figures-last-month = 上月：{ $value }
figures-current = 当前填写：{ $value }
figures-button-same = 与上月相同
figures-button-zero = 0
figures-button-cancel = 取消
figures-button-confirm = 确认无误
figures-button-edit = 修改
figures-button-submit = 提交
figures-problem-empty = 没有收到数字，请再输入一次。
figures-problem-not_a_number = 没能识别出一个数字，请只发送一个数字，如“12”或“十二”。
figures-problem-negative = 数字不能为负数。
figures-problem-not_integer = 这一项须为整数。
figures-problem-too_many_decimals = 经济处罚以万元计，最多保留两位小数（即精确到百元）。
figures-problem-no_last_month = 没有上月数据，请直接输入数字。
figures-problem-use_buttons = 请使用下方按钮。
figures-problem-reason_too_short = 请写明更正原因（至少两个字）。
figures-problem-wrong_count = 在这条消息中找到 { $found } 个数字，月报表需要 { $expected } 个。请按表格顺序发送全部 { $expected } 个数字，或只发送当前这一项的数字。
figures-problem-in-metric = “{ $metric }”：{ $problem }
figures-warn-title = 请核对以下数据：
figures-warn-officers = 出动执法人员 { $officers } 人次，少于执法活动 { $actions } 次所需的 { $minimum } 人次（每次执法至少两名执法人员）。
figures-warn-penalty = { $metric } 为 { $value } { $unit }，但立案调查为 0。
figures-warn-history = { $metric } 为 { $value }，超过本单位以往中位数 { $median } 的 { $factor } 倍。
figures-warn-question = 数据无误请点“确认无误”，需要修改请点“修改”。
figures-choose-line = 请选择要修改的项目：
figures-review-title = 请核对 { $unit } { $period } 月报表：
figures-review-title-correction = { $unit } { $period } 月报表已报送，以下为当前数据。如需更正，请点“修改”后提交：
figures-review-header = 指标｜单位｜本月数｜累计数
figures-review-footer = 累计数为行动开始以来各月合计，由系统计算。无误请点“提交”。
figures-ask-reason = 请说明更正原因（将与更正记录一并保存）：
figures-already-submitted = 本单位该月的月报表已由其他联络员报送，您填写的数据将作为更正提交。
figures-submitted = { $unit } { $period } 月报表已报送。{ $late ->
        [yes] 注意：已超过报送期限，记为逾期报送。
       *[no] 按时报送，谢谢！
    }
figures-corrected = { $unit } { $period } 月报表已更正（第 { $version } 版），原版本已保留。

## inspections
figures-prefilled-ask = 已根据 { $unit } { $period } 的执法检查记录预填月报表，执法检查记录中没有的项目请补充：
figures-prefilled-review = 以下数据根据本月执法检查记录预填（问责领导干部除外）。
figures-prefilled-confirm = 无误请回复“确认”或点“提交”；如需更正，点“修改”。
