# Deadline reminders to unit liaisons (src/app/reminders/send-due-reminders.ts).
reminder-obligation =
    { $phase ->
        [before] Reminder — { $campaign }: "{ $title }" is due by { $due }, in { $days } { $days ->
            [one] day
           *[other] days
        }.
        [due] Due today — { $campaign }: "{ $title }" is due today ({ $due }).
       *[overdue] Overdue — { $campaign }: "{ $title }" was due on { $due } and is { $days } working { $days ->
            [one] day
           *[other] days
        } overdue. Please complete it as soon as possible.
    }
reminder-obligation-figures-hint = Tap the button below to file the monthly figures step by step.
reminder-obligation-done-hint = When it is done, tap "Done".
reminder-escalation = Escalation — { $unit }: "{ $title }" ({ $campaign }) was due on { $due } and is still not done, { $days } working days overdue. Please follow up.
reminder-tip =
    { $phase ->
        [before] Reminder — tip { $code }: the { $step } deadline is { $due }, in { $days } { $days ->
            [one] day
           *[other] days
        }.
        [due] Due today — tip { $code }: the { $step } deadline is today ({ $due }).
       *[overdue] Overdue — tip { $code }: the { $step } deadline was { $due }, { $days } working days ago.
    }
reminder-tip-escalation = Escalation — tip { $code } handled by { $unit }: the { $step } deadline { $due } has passed, { $days } working days overdue. Please follow up.
reminder-tip-step-accept = acceptance
reminder-tip-step-handle = verification
reminder-button-figures = File figures
reminder-button-done = Done

# sms-liaison: reminders by SMS to liaisons without Telegram.
reminder-sms-figures-hint = Reply "月报" and the 11 figures (in form order, separated by spaces) to file.
reminder-sms-desk-link = Online (one use, valid 72 hours): { $link }
## clock-extension
reminder-tip-step-answer = answer to the reporter
reminder-tip-step-review = start of the review

## inspections
reminder-reinspection-due =
    { $reason ->
        [suspension] [Follow-up] { $enterprise } (inspected { $inspected }, ordered to suspend) is due for re-inspection by { $due }. Record the re-inspection against inspection #{ $id }.
       *[correction] [Follow-up] { $enterprise } (inspected { $inspected }) must have corrected by { $due }: re-inspect on time and record the re-inspection against inspection #{ $id }.
    }
reminder-reinspection-overdue =
    { $reason ->
        [suspension] [Overdue] The re-inspection of { $enterprise } (inspected { $inspected }, ordered to suspend) was due on { $due } and is not recorded (inspection #{ $id }).
       *[correction] [Correction overdue] The correction deadline of { $enterprise } (inspected { $inspected }) passed on { $due } without a recorded re-inspection (inspection #{ $id }).
    }
## plans
plan-reminder-week = [Enforcement plan] { $count } planned checks of this month (month { $month }) are still open: please carry them out and record the inspections.
plan-reminder-behind = [Plan progress] { $unit }: { $done } of the { $due } planned checks due by this month are done, { $pct }% behind (more than 20%).
