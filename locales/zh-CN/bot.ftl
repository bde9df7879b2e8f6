start-welcome =
    欢迎使用安全生产举报平台。
    您可以匿名举报安全生产违法行为和事故隐患，我们会转交负责的部门核查处理。
    · /report 开始举报
    · /status 查询举报进展（需要查询码和密钥）
    · /lang 切换语言 / Language
    · /help 帮助
help-text =
    使用说明：
    /report — 举报安全生产违法行为或事故隐患
    /status — 用查询码和密钥查询进展
    /cancel — 取消当前操作
    /lang — 切换语言（中文 / English）
    联络员：/figures 填报月报表，/duties 查看待办事项，/leave 退出联络员身份。
    如遇正在发生的危险，请立即拨打 119 / 110。
lang-choose = 请选择语言 / Choose a language:
lang-set = 已切换为中文。
lang-button-zh = 中文
lang-button-en = English
error-generic = 抱歉，处理时出错了，请稍后再试。您的信息没有丢失。
