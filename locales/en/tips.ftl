tip-receipt =
    Your tip has been registered and passed to { $unit }.
    Tracking code: { $code }
    Secret: { $secret }
    Keep both (the secret is shown only this once): with them you can check progress and add information.
tip-receipt-sms = Tip received, sent to { $unit }. Code { $code } secret { $secret }
tip-unit-new =
    [New tip] { $code }{ $urgent ->
        [yes] (URGENT)
       *[no] {""}
    }
    Sector: { $sector }  Place: { $place }
    { $text }
    Accept by: { $acceptBy }
tip-unit-alert =
    [Urgent tip alert] { $code } was passed to { $unit }: immediate danger, please see that it is handled now.
    { $text }

## Receipt of an urgent tip: says only who was actually sent a message
tip-urgent-alerted = You reported an immediate danger: the tip is marked urgent and we have alerted { $alerted }. If lives are in danger, call 119 or 110 now.
tip-urgent-staff = You reported an immediate danger: the tip is marked urgent and staff will be alerted in the tip queue. If lives are in danger, call 119 or 110 now.

## What the reporter reads in the history (one name per step, never a status name for something else)
tip-event-received = Tip received
tip-event-reporter_info = You added information
tip-event-accepted = Accepted
tip-event-not_accepted = Not accepted
tip-event-investigating = Under verification
tip-event-result = Verification result
tip-event-staff_message = Message from staff
tip-event-closed = Closed
tip-event-merged = Handled together with a tip about the same matter
tip-event-reward = Reward decision
tip-event-update = Progress

## route-learn: the reporter confirmed the danger by SMS (#14 item 2)
tip-unit-urgent-confirmed =
    [URGENT] { $code }: the reporter confirmed by SMS that people are in danger now. Act at once.
    { $text }
    Accept by: { $acceptBy }
