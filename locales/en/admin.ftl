## Admin (committee and department staff)

admin-title = Tip triage
admin-login-title = Staff sign-in
admin-username = Username
admin-password = Password
admin-totp = One-time code (if enabled)
admin-login-submit = Sign in
admin-logout = Sign out
admin-login-invalid = Wrong username, password or code.
admin-login-throttled = Too many attempts. Try again in 15 minutes.
admin-login-totp-required = Enter the one-time code from your authenticator app.
admin-signed-in-as = Signed in as { $name } ({ $role })
admin-role-committee = Work-safety committee
admin-role-unit = Unit staff
admin-role-viewer = Read-only
admin-role-admin = Administrator
admin-nav-queue = Queue
admin-nav-audit = Audit log
admin-nav-staff = Accounts
admin-language = 中文

admin-queue-title = Tip queue
admin-filter-status = Status
admin-filter-sector = Sector
admin-filter-jurisdiction = Jurisdiction code
admin-filter-unit = Unit id
admin-filter-urgent = Urgent only
admin-filter-overdue = Overdue only
admin-filter-channel = Channel
admin-filter-from = From
admin-filter-to = To
admin-filter-q = Search text or tracking code
admin-filter-sort = Order
admin-sort-newest = Newest
admin-sort-urgent = Urgent first
admin-filter-apply = Filter
admin-any = Any
admin-col-code = Tracking code
admin-col-received = Received
admin-col-status = Status
admin-col-sector = Sector
admin-col-unit = Unit
admin-col-place = Place
admin-col-text = Text
admin-queue-empty = No tips match.
admin-queue-total = { $total } in all
admin-page-prev = Previous
admin-page-next = Next
admin-urgent = Urgent
admin-overdue = Overdue

admin-status-received = Received
admin-status-accepted = Accepted
admin-status-not_accepted = Not accepted
admin-status-investigating = Investigating
admin-status-substantiated = Substantiated
admin-status-partly_substantiated = Partly substantiated
admin-status-unsubstantiated = Unsubstantiated
admin-status-closed = Closed
admin-status-merged = Merged

admin-channel-telegram = Telegram
admin-channel-web = Web
admin-channel-api = API
admin-channel-sms = SMS

admin-tip-title = Tip { $code }
admin-tip-text = Text
admin-tip-place = Place
admin-tip-enterprise = Enterprise
admin-tip-unit = Unit
admin-tip-routing = Routing explanation
admin-tip-deadlines = Deadlines
admin-deadline-accept = Acceptance due
admin-deadline-handle = Verification due
admin-time-left = { $days } d { $hours } h left
admin-time-overdue = { $days } d { $hours } h overdue
admin-tip-attachments = Attachments
admin-tip-no-attachments = No attachments
admin-tip-attachment-unnamed = Attachment #{ $id }
admin-tip-merged-into = Merged into
admin-tip-events = Event trail
admin-tip-reporter = Reporter
admin-tip-reporter-hidden = Anonymous (the reporter did not consent to share their identity)
admin-tip-actions = Actions
admin-tip-back = Back to the queue

admin-action-accept = Accept
admin-action-reject = Do not accept
admin-action-transfer = Transfer
admin-action-investigate = Start investigation
admin-action-result = Record result
admin-action-close = Close with feedback
admin-action-merge = Merge into another tip
admin-action-message = Message the reporter
admin-action-reward = Reward decision
admin-field-reason = Reason
admin-field-note = Internal note (staff only; never shown to the reporter)
admin-field-message = Message to the reporter (optional; the reporter reads it and gets it on their channel)
admin-field-reject-reason = Reason for not accepting (told to the reporter)
admin-field-message-text = Message (the reporter reads it)
admin-field-unit = New unit
admin-transfer-suggested = Suggested from the closest sectors: { $units } (the first is preselected)
admin-field-result = Result
admin-field-findings = Findings
admin-field-measures = Enforcement measures taken
admin-field-fine = Fine imposed (yuan)
admin-field-conclusion = Conclusion
admin-field-summary = Summary of the verification
admin-field-decision = Decision
admin-field-reward-eligibility = Reward eligibility
admin-field-into = Merge into (the other tip's tracking code)
admin-field-text = Message
admin-field-amount = Reward (yuan)
admin-field-basis = Basis

admin-done = Saved.
admin-error-invalid_input = Something is missing or wrong in the form.
admin-error-conflict = The tip's current status does not allow this.
admin-error-forbidden = This action needs the committee role.
admin-error-reward_taken = Another tip about the same matter already has a reward: only the first eligible reporter is paid. To record a decision here, enter 0 with the reason.
admin-error-not_found = Not found.
admin-error-csrf = The form expired. Reload the page and try again.
admin-error-too_large = What you sent is too large. Make it smaller and try again (an enterprise list file may be up to 8 MB).
admin-error-title = Something went wrong

admin-event-received = Received
admin-event-routed = Routed
admin-event-message = Message to the reporter
admin-event-note = Internal note
admin-event-public = seen by the reporter
admin-event-alerted = Liaisons alerted
admin-event-accepted = Accepted
admin-event-not_accepted = Not accepted
admin-event-transferred = Transferred
admin-event-investigating = Investigation started
admin-event-result = Result
admin-event-closed = Closed
admin-event-merged = Merged
admin-event-merged_from = Duplicate merged in
admin-event-staff_message = Message to the reporter
admin-event-reward = Reward decision
admin-event-reporter_info = Reporter added information
admin-event-at = Time
admin-event-kind = Event
admin-event-actor = By
admin-event-details = Details
admin-actor-reporter = reporter
admin-actor-system = system
admin-actor-seed = initial data
admin-actor-cli = command line
admin-actor-liaison = liaison #{ $id }
admin-reward-claim-by = Claim by

admin-audit-title = Audit log check
admin-audit-ok = The audit chain holds: { $checked } entries checked.
admin-audit-broken = The audit chain is broken: first bad entry id { $id } ({ $problem }).
admin-audit-recent = Recent entries
admin-audit-col-id = No.
admin-audit-col-action = Action
admin-audit-col-record = Record
admin-audit-col-hash = Hash
admin-audit-problem-hash = its content does not match its hash
admin-audit-problem-link = its link to the entry before is broken
admin-audit-action-tip-received = Tip received
admin-audit-action-tip-accepted = Accepted
admin-audit-action-tip-not-accepted = Not accepted
admin-audit-action-tip-transferred = Transferred
admin-audit-action-tip-investigating = Investigation started
admin-audit-action-tip-result = Result recorded
admin-audit-action-tip-closed = Closed
admin-audit-action-tip-merged = Merged
admin-audit-action-tip-staff-message = Message to the reporter
admin-audit-action-tip-reward = Reward decision
admin-audit-action-tip-reporter-info = Reporter added information
admin-audit-action-campaign-started = Campaign started
admin-audit-action-enterprise-imported = Enterprises imported
admin-audit-action-enterprise-updated = Enterprise changed
admin-audit-action-figures-submit = Monthly figures filed
admin-audit-action-figures-correct = Monthly figures corrected
admin-audit-action-liaison-bound = Liaison joined
admin-audit-action-liaison-invite-created = Liaison invite created
admin-audit-action-liaison-left = Liaison left
admin-audit-action-liaison-phone-set = Liaison phone set
admin-audit-action-liaison-removed = Liaison removed
admin-audit-action-obligation-done = Duty done
admin-audit-action-obligation-document-attached = Duty document attached
admin-audit-action-routing-rule-created = Routing rule added
admin-audit-action-routing-rule-changed = Routing rule changed
admin-audit-action-routing-rule-deleted = Routing rule deleted
admin-audit-action-staff-created = Account created
admin-audit-action-staff-login = Signed in
admin-audit-action-staff-logout = Signed out
admin-audit-entity-tip = Tip
admin-audit-entity-campaign = Campaign
admin-audit-entity-enterprise = Enterprise
admin-audit-entity-unit = Unit
admin-audit-entity-liaison = Liaison
admin-audit-entity-monthly-report = Monthly report
admin-audit-entity-obligation = Duty
admin-audit-entity-routing-rule = Routing rule
admin-audit-entity-staff-user = Account

admin-staff-title = Accounts
admin-staff-create = New account
admin-staff-display-name = Name
admin-staff-role = Role
admin-staff-jurisdiction = Jurisdiction code (committee staff)
admin-staff-unit = Unit id or key (unit staff)
admin-staff-created = Account created: { $username }
admin-staff-weak = Password too weak: at least 12 characters, not containing the username or a common password.

## To the reporter (through the outbox, on their own channel)

admin-reporter-accepted = Your tip (tracking code { $code }) has been accepted; verification will finish by { $verifyBy }.
admin-reporter-not-accepted = Your tip (tracking code { $code }) was not accepted. Reason: { $reason }
admin-reporter-feedback =
    Your tip (tracking code { $code }) is closed.
    Conclusion: { $conclusion }
    Summary of the verification: { $summary }
    Decision: { $decision }
    Reward eligibility: { $rewardEligibility }
    You may object within 10 days of receiving this answer.
admin-reporter-message = About your tip (tracking code { $code }), staff write: { $text }
admin-reporter-investigating = Verification of your tip (tracking code { $code }) has started.
admin-reporter-staff-says = Staff write: { $text }
admin-reporter-reward = Your tip (tracking code { $code }) earns a reward of { $amount } yuan (basis: { $basis }). Claim it by { $claimBy } with your tracking code and secret; you need not reveal who you are.
admin-reporter-no-reward = Reward decision on your tip (tracking code { $code }): no reward. Basis: { $basis }

## To unit liaisons

admin-unit-transferred = Tip { $code } has been transferred to your unit. Reason: { $reason }
    Text: { $text }

## Liaison alerts (whether an urgent tip's alert reached anyone)
admin-alerts = Liaison alerts
admin-alert-unit = Handling unit { $name }
admin-alert-committee = Committee above { $name }
admin-alert-reachable = has a reachable liaison
admin-alert-unreachable = no reachable liaison now (no Telegram chat bound, no phone)
admin-alert-told = { $count } liaison(s) were sent a message when the tip arrived
admin-alert-not-told = no liaison was sent a message when the tip arrived
admin-alert-count-unit = Liaisons of the handling unit sent a message
admin-alert-count-committee = Liaisons of the committee above sent a message
admin-no-liaison = no liaison
admin-committee-no-liaison = committee has no liaison
admin-untold-title = { $count } urgent tip(s) reached no liaison when they arrived; please handle them now:
admin-untold-accept-by = accept by { $due }

# imports-exports (#13 item 6)
admin-export-label = Export (every tip this filter finds, nothing about who reported):
admin-export-yes = yes
admin-export-no = no
