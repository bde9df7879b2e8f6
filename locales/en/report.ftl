## /report: the tip conversation

report-start-button = 📝 Report a hazard
report-intro =
    Thank you for reporting a safety violation or hidden hazard. You are anonymous by default: staff do not see who you are unless you agree.
    Send /back at any time to go back a step, /cancel to abandon this report.
report-resume = You have an unfinished report; continuing where you left off. Send /cancel to abandon it and start again.
report-busy = The system is busy; please send that again in a moment.
report-cancelled = This report is cancelled and what you entered has been deleted. Send /report to start again.
report-none = There is no report in progress.
report-stale-button = That button is out of date; please use the latest options below.
report-first-step = This is already the first step.
report-hint-buttons = Please answer with the buttons below.
report-unsupported-message = This step cannot take that kind of message.
report-too-long = That is too long: at most { $max } characters, please shorten it.

report-ask-sector = Step 1: which sector is it about? If unsure, choose "Not sure".
report-sector-coal_mine = Coal mine
report-sector-non_coal_mine = Non-coal mine
report-sector-hazardous_chemicals = Hazardous chemicals
report-sector-fireworks = Fireworks
report-sector-transport = Transport
report-sector-construction = Construction
report-sector-fire_safety = Fire safety
report-sector-industry_trade = Industry & trade
report-sector-civil_explosives = Civil explosives
report-sector-culture_tourism = Culture & tourism
report-sector-other = Other
report-sector-unsure = Not sure

report-ask-place = Step 2: where is it? Choose the city, or type a place name or address, or share a location.
report-ask-place-within = Step 2: selected so far: { $place }. Choose the next level, or tap "This level is enough".
report-place-this-level = ✓ This level is enough ({ $place })
report-place-up = ⬆ Up a level
report-place-share-location = 📍 Share location
report-place-skip = Don't know, skip
report-place-hint = Please pick an area, type a place name, or share a location.
report-ask-location = Tap "Send my location" below. The location is used only to find the responsible department.
report-location-button = 📍 Send my location
report-location-cancel = Don't share a location
report-location-closed = OK.

report-ask-enterprise = Step 3: which company or organisation is involved? Type its name or its unified social credit code (optional).
report-enterprise-hint = Type the company name or its credit code, or tap "Skip".
report-credit-code-invalid = The credit code { $code } fails its check character; it may be mistyped. Please check it and send it again, or send just the company name.
report-skip = Skip

report-ask-text = Step 4: describe what is wrong: what you saw, where exactly, since when (at least { $min } characters).
report-text-hint = Please describe the problem in words.
report-text-too-short = That description is too short ({ $count } characters). Please write at least { $min } characters saying what exactly is wrong, so it can be checked.

report-ask-files = Step 5: send photos or documents (images, PDF) now if you have any, up to { $max }; otherwise tap "Skip". Hidden data such as a photo's location is removed before it is stored.
report-files-received = { $count ->
        [one] 1 file received.
       *[other] { $count } files received.
    } Send more, or tap "Done".
report-files-done = Done
report-files-hint = Please send a photo or a document, or use the button below to continue.
report-file-too-many = At most { $max } files can be attached.
report-file-too-large = That file is too large: each file may be at most { $mb } MB.
report-file-unsupported = Only images (JPEG, PNG, WebP) and PDF documents can be accepted.

report-ask-urgent = Step 6: is anyone in danger right now, could an accident happen at any moment?
    (If so, call 119 or 110 first.)
report-urgent-yes = Yes, immediate danger
report-urgent-no = No

report-ask-contact = Step 7: stay anonymous, or leave a contact? With a contact you can claim a reward if the tip is verified, and staff can ask you questions.
report-contact-anonymous = Stay anonymous
report-contact-leave = Leave a contact (reward)
report-ask-contact-value = Please type your name and phone number. They are stored encrypted.
report-contact-hint = Please type your name and phone number.
report-ask-consent = May the staff of the handling department see your name and contact? If not, they can reach you only through this service and your identity stays confidential.
report-consent-yes = Yes
report-consent-no = No, keep it confidential

report-review =
    Please check your report:
    Sector: { $sector }
    Place: { $place }
    Company: { $enterprise }
    Problem: { $text }
    Attachments: { $files }
    Immediate danger: { $urgent }
    Identity: { $identity }
    Tap "Submit" if it is correct, or a button to change an answer.
report-review-none = (not given)
report-review-location = location { $lat }, { $lon }
report-review-anonymous = anonymous
report-review-contact-consent = { $contact } (staff may see it)
report-review-contact-no-consent = { $contact } (kept from staff)
report-edit-sector = ✏️ Sector
report-edit-place = ✏️ Place
report-edit-enterprise = ✏️ Company
report-edit-text = ✏️ Problem
report-edit-files = ✏️ Attachments
report-edit-urgent = ✏️ Danger
report-edit-contact = ✏️ Identity
report-submit = ✅ Submit
report-back = ⬅ Back
report-cancel = ✖ Cancel

report-submitted =
    ✅ Your report is stored and has been passed to { $unit }.
    Your tracking code and secret follow in the next message; keep them safe.{ $urgent ->
        [yes] {""}
          { $notice }
       *[no] {""}
    }{ $dropped ->
        [0] {""}
       *[other] {""}
          { $dropped } file(s) could not be read or are of an unsupported type and were not attached.
    }

## /status: progress and additions

report-status-usage = To see a tip's progress, or add information or photos to it, send: /status TRACKING-CODE SECRET
report-status-none = No tips have been sent from this chat yet. If you have a tracking code and secret, send: /status TRACKING-CODE SECRET
report-status-list = Tips sent from this chat:
report-status-line = · { $code } — { $status } — { $date } — { $unit }
report-status-not-found = The tracking code or the secret is not right. Please check them and try again (the secret was shown once, when you sent the tip).
report-status-rate-limited = Too many wrong attempts for this tracking code; please try again in { $minutes } minutes.
report-status-one =
    Tracking code: { $code }
    Status: { $status }
    Handled by: { $unit }
    Received: { $date }
report-status-history = Progress:
report-status-received = received, awaiting acceptance
report-status-accepted = accepted
report-status-not_accepted = not accepted
report-status-investigating = being verified
report-status-substantiated = substantiated
report-status-partly_substantiated = partly substantiated
report-status-unsubstantiated = unsubstantiated
report-status-closed = closed
report-status-merged = merged with another tip on the same matter
report-followup-button = ➕ Add information or photos
report-followup-ask = Send the text, photos or documents to add to { $code } (several if you like), then tap "Done".
report-followup-added = Added to { $code }; the handling unit will be told. Send more, or tap "Done".
report-followup-finish = Done
report-followup-done = OK, nothing more will be added.
report-followup-expired = This check has expired; please send again: /status TRACKING-CODE SECRET

## answer-review
report-status-objected = objected, awaiting review
report-status-under_review = under review
## reporter-polish: the reward in /status (#12 item 5)
report-reward-claim-how = Claim it on the website's "Track" page with your tracking code and secret before the deadline.
