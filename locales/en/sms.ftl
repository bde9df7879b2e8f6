# SMS replies. Each aims at one segment (160 GSM-7 characters): src/domain/sms-text.ts picks the first that fits.
sms-receipt-full = Tip received, sent to { $unit }. Code { $code } secret { $secret } - keep both to check progress.
sms-receipt-unit = Tip received, sent to { $unit }. Code { $code } secret { $secret }
sms-receipt-save = Tip received. Code { $code } secret { $secret } - keep both.
sms-receipt-bare = Tip received. Code { $code } secret { $secret }
sms-ask-place = Got it. Where is this? Reply with the city, county and township, e.g. "Xingning District". Reply CANCEL to stop.
sms-ask-text = Please describe in one SMS: which company, what is wrong, and where (at least 10 characters). Reply CANCEL to stop.
sms-too-long = Too long (at most { $max } characters): not saved. Please shorten it and send again.
sms-cancelled = Cancelled. Nothing was submitted.
sms-nothing-to-cancel = There is no tip in progress.
sms-help = To report, send the problem and the place. Progress: STATUS code secret. Add information: ADD code secret text.
sms-status = { $code }: { $status }
sms-status-reply = { $code }: { $status }. Reply:{" "}
sms-bad-receipt = Wrong tracking code or secret. Format: STATUS code secret
sms-add-format = Format: ADD code secret your text
sms-rate-limited = Too many wrong secrets. Please try again in an hour.
sms-info-added = Added to { $code }. The unit handling it will see it.
sms-resend-later = Service busy: this SMS was not saved. Please send it again later.
sms-unit-info =
    [Tip update] { $code }
    { $text }
sms-status-received = received, awaiting acceptance
sms-status-accepted = accepted
sms-status-not_accepted = not accepted
sms-status-investigating = under investigation
sms-status-substantiated = substantiated
sms-status-partly_substantiated = partly substantiated
sms-status-unsubstantiated = unsubstantiated
sms-status-closed = closed
sms-status-merged = merged with another tip
sms-already-received = This SMS was already received and handled.

# sms-liaison: 月报 by SMS from liaisons without Telegram (src/app/sms/sms-figures.ts).
sms-figures-not-liaison = This number is not a liaison of any unit; nothing was filed. Ask your safety committee to register it.
sms-figures-wrong-count = The monthly form needs { $expected } figures; this SMS has { $found }. Nothing was filed. Format: 月报 n1 n2 … n{ $expected } (in form order, separated by spaces)
sms-figures-bad-value = Item { $n } "{ $metric }": { $problem } Nothing was filed; please correct and resend.
sms-figures-no-open = No monthly form is due. To correct a filed month send: 月报 2018-07 and the 11 figures
sms-figures-no-such-month = There is no monthly form for { $period } to file; please check the month.
sms-figures-unchanged = { $unit } { $period } was already filed (version { $version }) with the same figures; nothing changed.
sms-figures-check = About to file { $unit } { $period }. Please check:
sms-figures-correction = { $unit } { $period } was already filed (version { $version }); this will be a correction.
sms-figures-confirm-hint = Reply 确认 if correct, or resend the form.
sms-figures-confirm-reason-hint = Reply "确认 <reason>" to file the correction.
sms-figures-reason-needed = A correction needs a reason: reply "确认 <reason>".
sms-figures-nothing-to-confirm = Nothing is waiting for confirmation (or more than 24 hours passed). Resend: 月报 and the 11 figures
sms-figures-filed = { $unit } { $period } filed. { $late ->
        [yes] It is past the deadline and recorded as late.
       *[no] Thank you!
    }
sms-figures-corrected = { $unit } { $period } corrected (version { $version }); the earlier version is kept.
sms-figures-filed-meanwhile = { $unit } { $period } was just filed by someone else; this SMS was not saved. Resend to correct it.
## answer-review
sms-status-objected = objected, awaiting review
sms-status-under_review = under review
sms-answer = { $code }: { $status }. Conclusion: { $conclusion }; summary: { $summary }; decision: { $decision }; reward: { $rewardEligibility }
sms-answer-object = . Object by { $until }: OBJECT code secret reason
sms-objection-format = Send: OBJECT code secret reason
sms-objection-not-answered = { $code } has no answer yet; object once you get it. Your words were added to the tip.
## route-learn: ask when danger is possible (#14 item 2)
sms-urgency-question = Is anyone in danger right now? Reply 1 yes / 2 no
sms-urgency-noted = Noted: nobody is in danger right now. If that changes, call 119 or 110 at once.
## reporter-polish: the reward in a status reply (#12 item 5)
sms-reward-awaiting_claim = . Reward { $amount } yuan: claim by { $claimBy } on the website with code and secret
sms-reward-claimed = . Reward { $amount } yuan claimed, to be paid
sms-reward-paid = . Reward { $amount } yuan paid on { $paidOn }
sms-reward-lapsed = . Reward { $amount } yuan lapsed unclaimed on { $claimBy }
