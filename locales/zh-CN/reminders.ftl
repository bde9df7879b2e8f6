# Deadline reminders to unit liaisons (src/app/reminders/send-due-reminders.ts).
reminder-obligation =
    { $phase ->
        [before] 【提醒】{ $campaign }：“{ $title }”应于 { $due } 前完成，还有 { $days } 天。
        [due] 【今日截止】{ $campaign }：“{ $title }”今天（{ $due }）截止，请按时完成。
       *[overdue] 【逾期提醒】{ $campaign }：“{ $title }”已于 { $due } 截止，已逾期 { $days } 个工作日，请尽快完成。
    }
reminder-obligation-figures-hint = 点击下方按钮，按提示逐项填报月报表。
reminder-obligation-done-hint = 完成后请点击“已完成”。
reminder-escalation = 【督办】{ $unit }的“{ $title }”（{ $campaign }）已于 { $due } 截止，已逾期 { $days } 个工作日仍未完成，请督促办理。
reminder-tip =
    { $phase ->
        [before] 【提醒】举报 { $code } 的{ $step }期限为 { $due }，还有 { $days } 天。
        [due] 【今日截止】举报 { $code } 的{ $step }期限为今天（{ $due }）。
       *[overdue] 【逾期提醒】举报 { $code } 的{ $step }期限 { $due } 已过，已逾期 { $days } 个工作日。
    }
reminder-tip-escalation = 【督办】{ $unit }办理的举报 { $code }，{ $step }期限 { $due } 已过，已逾期 { $days } 个工作日，请督促办理。
reminder-tip-step-accept = 受理
reminder-tip-step-handle = 核查办理
reminder-button-figures = 填报月报表
reminder-button-done = 已完成

# sms-liaison: reminders by SMS to liaisons without Telegram.
reminder-sms-figures-hint = 短信回复“月报”加11个数（按报表顺序，空格分隔）即可填报
reminder-sms-desk-link = 网上办理（72小时内一次有效）：{ $link }
## clock-extension
reminder-tip-step-answer = 答复举报人
reminder-tip-step-review = 启动复核

## inspections
reminder-reinspection-due =
    { $reason ->
        [suspension] 【回头看】{ $enterprise }（{ $inspected } 检查，责令停产停业）应于 { $due } 前复查。请复查后录入“回头看复查”记录（关联原检查 #{ $id }）。
       *[correction] 【回头看】{ $enterprise }（{ $inspected } 检查）整改期限为 { $due }，请按期复查，并录入“回头看复查”记录（关联原检查 #{ $id }）。
    }
reminder-reinspection-overdue =
    { $reason ->
        [suspension] 【逾期提醒】{ $enterprise }（{ $inspected } 检查，责令停产停业）的回头看复查已于 { $due } 到期，尚未录入复查记录（原检查 #{ $id }）。
       *[correction] 【整改逾期】{ $enterprise }（{ $inspected } 检查）的整改期限 { $due } 已过，尚未录入回头看复查记录（原检查 #{ $id }）。
    }
## plans
plan-reminder-week = 【执法计划】本月（{ $month } 月）计划检查中还有 { $count } 项尚未完成，请按计划安排检查并及时录入检查记录。
plan-reminder-behind = 【执法计划进度】{ $unit } 截至本月应完成计划检查 { $due } 项，已完成 { $done } 项，滞后 { $pct }%，超过 20%。
