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

## clock-extension
tip-event-extended = Verification deadline extended with approval
tip-event-due-on = Verification due: { $date }
## answer-review: answer, objection and review (#12)
tip-event-objected = You objected to the answer
tip-event-review_started = The committee one tier up started a review
tip-event-reviewed = Answer of the review
tip-answer-conclusion = Conclusion
tip-answer-summary = Summary of the verification
tip-answer-decision = Decision
tip-answer-reward = Reward eligibility
tip-answer-message =
    Your tip (tracking code { $code }) is closed. The answer:
    Conclusion: { $conclusion }
    Summary of the verification: { $summary }
    Decision: { $decision }
    Reward eligibility: { $rewardEligibility }
    If you disagree, you may object until { $until }; the committee one tier up will review it. { $how }
tip-answer-object-sms = Send: OBJECT { $code } secret reason
tip-answer-object-telegram = Tap "Object" below.
tip-answer-object-web = You can do so on the website's "Check progress" page with your tracking code and secret.
tip-answer-review-message =
    The review of your tip (tracking code { $code }) is finished. Its answer:
    Conclusion: { $conclusion }
    Summary of the verification: { $summary }
    Decision: { $decision }
    Reward eligibility: { $rewardEligibility }
    The answer of the review is final.
tip-review-started-message = The committee one tier up has started reviewing your objection to the answer on your tip (tracking code { $code }).
tip-objection-button = Object
tip-objection-ask = Please write why you object to the answer on { $code } (one message, at least two characters). Send /cancel to stop.
tip-objection-done = Objection sent ({ $code }). The committee one tier up will start its review by { $date }.
tip-objection-refused-not_answered = { $code } has no answer yet: you can object once you have received it.
tip-objection-refused-window_closed = The time to object to the answer on { $code } ended on { $date }.
tip-objection-refused-already_objected = You have already objected on { $code }; the review is pending or under way.
tip-objection-refused-final = The review of { $code } has answered; its answer is final.
tip-objection-too-short = Please write the reason for your objection (at least two characters).
tip-objection-expired = This objection has timed out. Please tap "Object" again.
tip-objection-not-yours = This chat did not send that tip.
tip-objection-staff-notice = [Objection] The reporter of tip { $code } objects to the answer; the committee one tier up must start the review by { $date }.
## reward (#12 item 5)
tip-event-reward_claimed = You claimed the reward
tip-event-reward_paid = Reward paid
tip-event-reward_lapsed = Reward lapsed unclaimed
## route-learn: the reporter confirmed the danger by SMS (#14 item 2)
tip-unit-urgent-confirmed =
    [URGENT] { $code }: the reporter confirmed by SMS that people are in danger now. Act at once.
    { $text }
    Accept by: { $acceptBy }
