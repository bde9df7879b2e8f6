start-welcome =
    Welcome to the work-safety tip line.
    You can report safety violations and hidden hazards anonymously; we pass them to the department responsible.
    · /report to file a tip
    · /status to check a tip (you need its tracking code and secret)
    · /lang to change the language / 语言
    · /help for help
help-text =
    How to use this bot:
    /report — report a safety violation or hidden hazard
    /status — check progress with your tracking code and secret
    /cancel — cancel what you are doing
    /lang — change the language (中文 / English)
    Liaisons: /figures files the monthly figures, /duties lists open duties, /leave ends your liaison role.
    If someone is in danger right now, call 119 / 110 first.
lang-choose = 请选择语言 / Choose a language:
lang-set = The language is now English.
lang-button-zh = 中文
lang-button-en = English
error-generic = Sorry, something went wrong. Please try again later; nothing you sent was lost.
