liaison-bound =
    绑定成功：您已成为 { $unit } 的联络员。
    · /duties 查看本单位待办事项和截止日期
    · /figures 填报月报表
    · /leave 退出联络员身份
liaison-already-bound = 您已经是 { $unit } 的联络员，无需重复绑定。
liaison-invite-invalid = 邀请链接无效。请向安委办重新索取邀请链接。
liaison-invite-used = 该邀请链接已被使用过（每个链接只能使用一次）。请向安委办重新索取。
liaison-invite-expired = 该邀请链接已过期。请向安委办重新索取。
liaison-not-liaison = 您目前不是任何单位的联络员。如需绑定，请打开安委办发给您的邀请链接。
liaison-leave-confirm = 确定要退出 { $unit } 的联络员身份吗？退出后将不再收到该单位的提醒和转办事项。
liaison-leave-choose = 您是以下单位的联络员，请选择要退出的单位：
liaison-leave-button = 退出 { $unit }
liaison-leave-yes = 确定退出
liaison-leave-cancel = 取消
liaison-leave-cancelled = 已取消，您仍是联络员。
liaison-left = 您已退出 { $unit } 的联络员身份。
liaison-leave-failed = 无法退出：您不是该单位的在岗联络员。
liaison-removed-notice = 安委办已取消您作为 { $unit } 联络员的身份。如有疑问，请联系安委办。
liaison-duties-none = 本单位目前没有待办事项。
liaison-duties-header = 待办事项（共 { $total } 项，按截止日期排列）：
liaison-duty-line = · { $due } 截止｜{ $title }{ $period }｜{ $unit }
liaison-duties-more = ……另有 { $more } 项未列出。
liaison-duty-done-button = ✓ 已完成：{ $title }
liaison-duty-done =
    已记录完成：{ $title }{ $period }（{ $unit }）。{ $late ->
        [yes] 注意：已超过截止日期 { $due }。
       *[no] {""}
    }
    如需附上材料，请在 30 分钟内直接发送文件；没有材料可点“无需附件”。
liaison-duty-no-document = 无需附件
liaison-duty-no-document-ok = 好的，不附材料。
liaison-duty-document-saved = 已收到材料，已登记到该事项。
liaison-duty-not-found = 找不到该事项。
liaison-duty-not-liaison = 您不是该事项所属单位的联络员，不能办理。
liaison-duty-already-done = 该事项已标记为完成。
liaison-duty-not-completable = 该事项不能用按钮办结（月报表请用 /figures 填报）。
liaison-duty-document-too-late = 该事项已不能再附材料，请联系安委办。
liaison-phone-usage = 请在命令后写上您的手机号，例如：/phone 13800138000。手机号用于在无法通过 Telegram 联系您时发送短信提醒，加密保存。
liaison-phone-invalid = 这不是有效的中国大陆手机号（11 位，以 1 开头），请重新发送，例如：/phone 13800138000。
liaison-phone-saved = 已保存手机号 { $phone }。无法通过 Telegram 联系您时，提醒将以短信发送。
liaison-duty-document-failed = 未能保存该文件（无法下载、超过 20 MB 或格式不支持），请重新发送。

## unit-handover: 单位撤销或合并时告知承接单位
unit-handover-notice = { $mode ->
    [merge] { $unit } 已并入本单位（原因：{ $reason }）。
   *[retire] { $unit } 已撤销，由本单位承接（原因：{ $reason }）。
  } 转来在办举报 { $tips } 件、待办任务 { $duties } 项，原办理时限不变，请及时处理。
