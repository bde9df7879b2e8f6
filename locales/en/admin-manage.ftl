## Management pages: units and liaisons, enterprises, routing rules

admin-manage-nav-units = Units
admin-manage-nav-enterprises = Enterprises
admin-manage-nav-rules = Routing rules
admin-manage-filter = Filter
admin-manage-reason = Reason
admin-manage-done = Saved.
admin-manage-jurisdiction = Jurisdiction code
admin-manage-units-title = Units and liaisons
admin-manage-unit-name = Unit
admin-manage-unit-kind = Kind
admin-manage-unit-liaisons = Liaisons
admin-manage-unit-inactive = inactive
admin-manage-unit-kind-committee = Committee office
admin-manage-unit-kind-department = Department
admin-manage-unit-kind-township = Township
admin-manage-liaison-id = No.
admin-manage-liaison-channels = Channels
admin-manage-liaison-created = Joined
admin-manage-liaison-status = Status
admin-manage-liaison-active = active
admin-manage-liaison-removed = removed: { $reason }
admin-manage-liaison-none = This unit has no liaison yet.
admin-manage-liaison-remove = Remove liaison
admin-manage-liaison-actions = Actions
admin-manage-liaison-removed-ok = The liaison was removed and told so.
admin-manage-invite = Create an invite link
admin-manage-invite-once = This invite link is shown only once — send it to the liaison now (valid until { $expires }, usable once):
admin-manage-invite-no-username = The bot's username is not configured: ask the liaison to send this command to the bot.
admin-manage-enterprises-title = Enterprises
admin-manage-enterprise-search = Name or credit code
admin-manage-enterprise-name = Name
admin-manage-enterprise-credit = Unified social credit code
admin-manage-enterprise-sector = Sector
admin-manage-enterprise-level = Supervising tier
admin-manage-enterprise-risk = Risk class
admin-manage-enterprise-blacklisted = Blacklisted
admin-manage-enterprise-edit = Edit
admin-manage-enterprise-save = Save
admin-manage-enterprise-total = { $total ->
    [one] 1 enterprise
   *[other] { $total } enterprises
}, page { $page } of { $pages }
admin-manage-prev = Previous
admin-manage-next = Next
admin-manage-yes = yes
admin-manage-no = no
admin-manage-level-province = Province
admin-manage-level-city = City
admin-manage-level-county = County
admin-manage-risk-good = good
admin-manage-risk-average = average
admin-manage-risk-poor = poor
admin-manage-import-title = Import enterprises (CSV)
admin-manage-import-help = A CSV file whose first line is the header below, in UTF-8 (a BOM is fine) or GBK (what Excel on Chinese Windows saves). Rows are added or updated by credit code. If any row is wrong, nothing in the file is imported.
admin-manage-import-columns = What each column takes
admin-manage-import-col-name = the enterprise's name
admin-manage-import-col-credit = the 18-character unified social credit code (may be empty)
admin-manage-import-col-sector = a sector code or its Chinese name:
admin-manage-import-col-jurisdiction = the code of its jurisdiction (6 or 9 digits)
admin-manage-import-col-level = the supervising tier, as a code or its Chinese name:
admin-manage-import-col-risk = the risk class (empty means average):
admin-manage-import-col-blacklisted = blacklisted or not:
admin-manage-import-file = CSV file
admin-manage-import-submit = Import
admin-manage-import-ok = Imported { $rows } enterprises ({ $created } new, { $updated } updated).
admin-manage-import-failed = The file has { $count } problems; nothing was imported:
admin-manage-import-row = Row { $row }, { $field }: { $reason }
admin-manage-csv-csv = malformed CSV (unbalanced quotes)
admin-manage-csv-encoding = { $detail ->
    [utf16] the file is UTF-16 ("Unicode text"): save it as CSV and import again
    [nul] the file contains NUL characters and is not a text CSV: save it as CSV and import again
   *[other] the file is neither UTF-8 nor GBK/GB18030 text: save it as CSV and import again
}
admin-manage-csv-header = header is missing columns
admin-manage-csv-empty = the file has no data rows
admin-manage-csv-too_many = too many rows (at most { $detail })
admin-manage-csv-required = required
admin-manage-csv-too_long = too long
admin-manage-csv-credit_length = must be 18 characters
admin-manage-csv-credit_charset = contains characters that are not allowed (no I, O, Z, S, V)
admin-manage-csv-credit_check = wrong check character (should be { $detail })
admin-manage-csv-duplicate = same code as row { $detail }
admin-manage-csv-sector = unknown sector "{ $detail }" (a code such as fireworks, or a name such as 烟花爆竹)
admin-manage-csv-jurisdiction = unknown jurisdiction code "{ $detail }"
admin-manage-csv-scope = jurisdiction "{ $detail }" is outside your scope
admin-manage-csv-level = unknown supervising level "{ $detail }" (province, city, county, township, or 省级, 市级, 县级, 乡镇级)
admin-manage-csv-risk = must be good, average or poor
admin-manage-csv-boolean = must be yes/no, 1/0 or true/false
admin-manage-rules-title = Routing rules
admin-manage-rules-help = Rules send tips by sector × jurisdiction → unit; where a jurisdiction has no rule, the router walks up the tree.
admin-manage-rule-sector = Sector
admin-manage-rule-unit = Handling unit
admin-manage-rule-updated = Last changed
admin-manage-rule-change = Change
admin-manage-rule-delete = Delete
admin-manage-rule-add = Add or change a rule
admin-manage-rule-none = No rules are set at this jurisdiction itself.
admin-manage-test-title = Test a text against the rules
admin-manage-test-text = Tip text
admin-manage-test-place = Place
admin-manage-test-submit = Try it
admin-manage-test-result = Decision: { $sector } → { $jurisdiction } → { $unit }
admin-manage-test-explanation = Explanation
admin-manage-rule-seed-note = default: the supervising department
admin-manage-test-clear = Clear the result

# sms-liaison: phone-only liaisons, invite QR codes and the printable invite sheet.
admin-manage-phone-title = Add an SMS liaison (no Telegram)
admin-manage-phone-help = Reminders go by SMS with a one-time desk sign-in link; the liaison can also file by replying with the monthly-report command and the 11 figures (the SMS explains how). The number is stored encrypted.
admin-manage-phone-label = Mobile number
admin-manage-phone-add = Add
admin-manage-phone-added = SMS liaison { $phone } added.
admin-manage-phone-invalid_phone = This is not a valid mainland China mobile number (11 digits starting with 1).
admin-manage-phone-already_liaison = This number is already a liaison of this unit.
admin-manage-invite-qr = Scan the QR code with a phone to open the invite link
admin-manage-invite-sheet = Create and print an invite sheet
invite-sheet-title = Liaison invitation: { $unit }
invite-sheet-intro = You are invited to be the work-safety tip liaison of { $unit }. Once bound, you receive the unit's tips and deadline reminders in Telegram and can file the monthly form there.
invite-sheet-step-1 = 1. Install and open Telegram on your phone.
invite-sheet-step-2 = 2. Scan the QR code below with the phone's camera, or type the link below into a browser.
invite-sheet-step-3 = 3. Press START in the chat that opens; "bound" confirms it.
invite-sheet-once = This invitation works once and is valid until { $expires }. Do not pass it on.
invite-sheet-no-telegram = Liaisons who cannot use Telegram: ask the safety committee to register their mobile number on the unit page for SMS reminders and SMS filing.
invite-sheet-link = Invite link
invite-sheet-print = Print
## route-learn: learning from staff transfers (#14 item 5)
admin-rule-suggestions-title = Rules suggested by staff transfers
admin-rule-suggestions-none = No suggestions yet: when 3 tips are moved the same way, a rule is proposed here.
admin-rule-suggestion = { $count } { $sector } tips in { $place } routed to { $from } were all moved by staff to { $to }. Suggested rule: { $sector } × { $place } → { $to }
admin-rule-suggestion-accept = Accept (set the rule)
admin-rule-suggestion-dismiss = Dismiss
admin-routing-accuracy = Of { $decided } tips staff decided on in the last 90 days, { $kept } kept the router's unit ({ $pct }%).
admin-routing-accuracy-none = Staff have not decided on any tip in the last 90 days.
# imports-exports (#13 items 5–6)
admin-manage-csv-garbled = garbled text (the file was saved in the wrong encoding){ $detail ->
    [none] ; save it again in the right encoding
   *[other] : it looks like "{ $detail }"; save it again in the right encoding
}
admin-manage-level-township = Township
# unit-import (#13 item 5)
admin-units-import-title = Import units (CSV)
admin-units-import-help = A CSV file whose first line is the header below, in UTF-8 (a BOM is fine) or GBK (what Excel on Chinese Windows saves). Each row creates a unit, as the form above does. A unit that already exists under the same jurisdiction with the same name is refused, not changed: rename or retire it on its page. If any row is wrong, nothing in the file is imported.
admin-units-import-col-name = the unit's name (required)
admin-units-import-col-name-en = its English name (may be empty)
admin-units-import-col-kind = township-like (township, sub-district, area service centre or office; their Chinese names work too) or a department:
admin-units-import-col-sectors = the sectors it answers for, separated by ; (may be empty), as codes or Chinese names:
admin-units-import-col-route = whether tips of these sectors at its jurisdiction go to it (empty means no):
admin-units-import-ok = Created { $count } units:
admin-manage-csv-kind = unknown kind "{ $detail }" (乡镇 or 部门, township or department)
admin-manage-csv-unit_duplicate = same name and jurisdiction as row { $detail }
admin-manage-csv-exists = a unit named "{ $detail }" already exists under this jurisdiction (rename or retire it on its page)

## router
admin-sector-suggestions-title = Sector rules suggested by staff corrections
admin-sector-suggestions-none = No sector suggestions yet: when 3 tips of one sector are moved to another sector's unit, the words that set them apart are proposed here.
admin-sector-suggestion-term = { $count } tips the router read as { $from } were moved by staff to { $to }; in { $support } of them this term sets them apart. Suggested rule:
admin-sector-suggestion-enterprise = { $count } tips about this enterprise were moved by staff to { $to }. Suggested rule:
admin-sector-suggestion-accept = Accept (applies at once)
admin-sector-rules-title = Sector rules in force
admin-sector-rules-none = No sector rules accepted.
admin-sector-rule-revoke = Undo
