figures-period = { $year }-{ $month }
figures-usage = Usage: /figures files the oldest month not yet filed; /figures 2018-07 files or corrects that month.
figures-not-liaison = You are not a liaison of any unit yet. Ask your work-safety committee office for a liaison invite link.
figures-no-open = There is no monthly form to file right now.
figures-no-conversation = No monthly form is being filled in. Send /figures to start.
figures-conflict = This form was just changed elsewhere. Send /figures to open it again.
figures-cancelled = Cancelled; nothing was saved. Send /figures to start again.
figures-choose-unit = You are a liaison of several units. Which unit are you filing for?
figures-intro =
    Monthly form of { $unit } for { $period }: { $total } figures.
    Answer one by one, or send all { $total } figures in one message in the form's order (separated by spaces or commas).
    Arabic or Chinese numerals are fine ("12", "十二"); fines are in 10,000 yuan, or write "3500元" / "3.5万元".
figures-ask = { $n }/{ $total }: { $metric } ({ $unit }) — how many this month?
figures-last-month = Last month: { $value }
figures-current = Currently: { $value }
figures-button-same = Same as last month
figures-button-zero = 0
figures-button-cancel = Cancel
figures-button-confirm = Confirm
figures-button-edit = Edit
figures-button-submit = Submit
figures-problem-empty = No figure received; please send it again.
figures-problem-not_a_number = That is not one number. Please send a single figure such as "12" or "十二".
figures-problem-negative = A figure cannot be negative.
figures-problem-not_integer = This figure must be a whole number.
figures-problem-too_many_decimals = Fines are in 10,000 yuan with at most two decimals (to the nearest 100 yuan).
figures-problem-no_last_month = There is no figure for last month; please type the number.
figures-problem-use_buttons = Please use the buttons below.
figures-problem-reason_too_short = Please give the reason for the correction (at least two characters).
figures-problem-wrong_count = Found { $found } figures in that message; the form needs { $expected }. Send all { $expected } in the form's order, or just the figure for this line.
figures-problem-in-metric = "{ $metric }": { $problem }
figures-warn-title = Please check:
figures-warn-officers = { $officers } officer deployments is fewer than the { $minimum } that { $actions } enforcement actions need (at least two officers per action).
figures-warn-penalty = { $metric } is { $value } { $unit }, but no case was opened.
figures-warn-history = { $metric } is { $value }, more than { $factor } times this unit's usual { $median }.
figures-warn-question = Tap "Confirm" if the figures are right, or "Edit" to change them.
figures-choose-line = Which line do you want to change?
figures-review-title = Please check the form of { $unit } for { $period }:
figures-review-title-correction = The form of { $unit } for { $period } was already filed; these are its current figures. To correct it, tap "Edit", then submit:
figures-review-header = Metric | Unit | This month | Cumulative
figures-review-footer = Cumulative figures are the campaign's months added up by the system. Tap "Submit" if all is right.
figures-ask-reason = Please state the reason for the correction (it is kept with the correction):
figures-already-submitted = Another liaison has already filed this month for your unit; your figures will be submitted as a correction.
figures-submitted = The form of { $unit } for { $period } has been filed. { $late ->
        [yes] Note: it was filed after the deadline and is recorded as late.
       *[no] On time — thank you!
    }
figures-corrected = The form of { $unit } for { $period } has been corrected (version { $version }); the earlier version is kept.

## inspections
figures-prefilled-ask = The form of { $unit } for { $period } is pre-filled from its inspection records; please add what the records do not hold:
figures-prefilled-review = These figures are pre-filled from this month's inspection records (except officials held accountable).
figures-prefilled-confirm = Reply "confirm" or tap "Submit" if all is right; tap "Edit" to correct.
