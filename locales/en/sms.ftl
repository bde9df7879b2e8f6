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

## route-learn: ask when danger is possible (#14 item 2)
sms-urgency-question = Is anyone in danger right now? Reply 1 yes / 2 no
sms-urgency-noted = Noted: nobody is in danger right now. If that changes, call 119 or 110 at once.
