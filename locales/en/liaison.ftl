liaison-bound =
    Done: you are now a liaison of { $unit }.
    · /duties lists your unit's open duties and due dates
    · /figures files the monthly figures
    · /leave ends your liaison role
liaison-already-bound = You are already a liaison of { $unit }; nothing to do.
liaison-invite-invalid = This invite link is not valid. Please ask the safety committee office for a new one.
liaison-invite-used = This invite link has already been used (each link works once). Please ask for a new one.
liaison-invite-expired = This invite link has expired. Please ask the safety committee office for a new one.
liaison-not-liaison = You are not a liaison of any unit. To become one, open the invite link the safety committee office sent you.
liaison-leave-confirm = Do you really want to stop being a liaison of { $unit }? You will no longer receive its reminders and tips.
liaison-leave-choose = You are a liaison of these units. Choose the one to leave:
liaison-leave-button = Leave { $unit }
liaison-leave-yes = Yes, leave
liaison-leave-cancel = Cancel
liaison-leave-cancelled = Cancelled; you are still a liaison.
liaison-left = You are no longer a liaison of { $unit }.
liaison-leave-failed = Cannot leave: you are not an active liaison of that unit.
liaison-removed-notice = The safety committee office has ended your role as liaison of { $unit }. Please contact the office with any questions.
liaison-duties-none = Your unit has no open duties.
liaison-duties-header = Open duties ({ $total }, by due date):
liaison-duty-line = · due { $due } | { $title }{ $period } | { $unit }
liaison-duties-more = …and { $more } more not shown.
liaison-duty-done-button = ✓ Done: { $title }
liaison-duty-done =
    Recorded as done: { $title }{ $period } ({ $unit }).{ $late ->
        [yes] {" "}Note: the due date { $due } has passed.
       *[no] {""}
    }
    To attach the document, send the file within 30 minutes; if there is none, press "No document".
liaison-duty-no-document = No document
liaison-duty-no-document-ok = OK, no document.
liaison-duty-document-saved = Document received and recorded for this duty.
liaison-duty-not-found = That duty was not found.
liaison-duty-not-liaison = You are not a liaison of the unit this duty belongs to.
liaison-duty-already-done = That duty is already marked as done.
liaison-duty-not-completable = That duty cannot be closed with a button (file the monthly figures with /figures).
liaison-duty-document-too-late = It is too late to attach a document to that duty; please contact the office.
liaison-phone-usage = Write your mobile number after the command, for example: /phone 13800138000. It is used for SMS reminders when you cannot be reached on Telegram, and is stored encrypted.
liaison-phone-invalid = That is not a valid mainland China mobile number (11 digits starting with 1). Please send it again, for example: /phone 13800138000.
liaison-phone-saved = Mobile number { $phone } saved. Reminders will go by SMS when you cannot be reached on Telegram.
liaison-duty-document-failed = The file could not be saved (download failed, larger than 20 MB, or an unsupported type). Please send it again.

## unit-handover: the successor unit is told when a unit is retired or merged into it
unit-handover-notice = { $mode ->
    [merge] { $unit } has been merged into your unit (reason: { $reason }).
   *[retire] { $unit } has been retired; your unit takes over its work (reason: { $reason }).
  } { $tips } open tips and { $duties } open duties are now yours; their deadlines are unchanged.
