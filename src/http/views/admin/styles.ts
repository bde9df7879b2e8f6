/** Served from /admin/static/admin.css so the CSP can forbid inline styles and scripts alike. */
export const ADMIN_CSS = `
*{box-sizing:border-box}body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
header a{color:#fff}header form{margin:0}main{padding:1rem;max-width:1200px;margin:auto}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #d6d9de;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.92rem}
th{background:#eef1f5}.urgent{color:#b00020;font-weight:600}.possible-danger{display:inline-block;white-space:nowrap;color:#8a4b00;font-weight:600;border:1px solid #8a4b00;border-radius:3px;padding:0 .3em;font-size:.7em;vertical-align:middle}.overdue{color:#a35200;font-weight:600}
.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-bottom:.8rem}.filters label{display:flex;flex-direction:column;font-size:.85rem}
.counts{display:flex;gap:.6rem;flex-wrap:wrap;margin:.5rem 0}.counts a{padding:.15rem .5rem;background:#fff;border:1px solid #cfd4da;border-radius:3px;text-decoration:none}
.card{background:#fff;border:1px solid #d6d9de;padding:.8rem 1rem;margin-bottom:1rem}.tiptext{white-space:pre-wrap}.nowrap{white-space:nowrap}
.actions{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(320px,100%),1fr));gap:.8rem}.actions form{background:#fff;border:1px solid #d6d9de;padding:.6rem}
.actions label{display:block;font-size:.85rem;margin:.3rem 0}.actions input,.actions textarea,.actions select{width:100%}
.flash{padding:.5rem .8rem;margin-bottom:.8rem;border:1px solid}.flash.ok{background:#e8f5e9;border-color:#66bb6a}.flash.err{background:#fdecea;border-color:#e57373}
.login{max-width:360px;margin:3rem auto;background:#fff;padding:1.2rem;border:1px solid #d6d9de}.login label{display:block;margin:.5rem 0}.login input{width:100%}
button{cursor:pointer}.alert-missing{color:#b00020;font-weight:600}.note-private{color:#5a4a00}.public-event{font-size:.8rem;color:#1f5f3a}
.urgent,.overdue{white-space:nowrap}.counts a[aria-current=page]{background:#1f3a5f;color:#fff;border-color:#1f3a5f}
.scroll{overflow-x:auto;max-width:100%;margin-bottom:1rem}.exports{display:flex;gap:1.2rem}
.card p>label>input:not([type=checkbox]):not([type=file]),.card p>label>textarea{width:min(36rem,100%)}
textarea.wide{width:100%;display:block;margin-top:.3rem}.card form.filters{margin:0}
table.duties{table-layout:fixed}table.duties th:nth-child(1){width:38%}table.duties th:nth-child(2){width:16%}table.duties th:nth-child(3){width:12%}table.duties th:nth-child(4){width:12%}
table.rules select{max-width:20rem}table.rules td form{display:flex;flex-wrap:wrap;gap:.3rem;align-items:center;margin:0}
svg.qr{width:12rem;height:12rem;display:block;background:#fff}.invite-qr{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.invite-sheet{background:#fff;max-width:180mm;margin:auto;padding:1rem 1.5rem;border:1px solid #d6d9de}.invite-sheet h1{font-size:1.6rem;text-align:center}
.invite-sheet svg.qr{width:70mm;height:70mm;margin:1rem auto}.invite-sheet .link{word-break:break-all;font-family:monospace;font-size:1rem;text-align:center}
.invite-sheet ol{padding-left:0;list-style:none;font-size:1.1rem;line-height:1.7}
@page{size:A4;margin:15mm}
@media print{body{background:#fff}header,.no-print{display:none}main{padding:0;max-width:none}.invite-sheet{border:0;padding:0;max-width:none}}
form.intake fieldset{border:1px solid #d6d9de;margin:0 0 .8rem;padding:.5rem .8rem}form.intake label{display:block;margin:.4rem 0}form.intake label.check{display:inline-block;margin-right:1rem}
.field-error{color:#b00020;display:block;font-size:.85rem}.hint{color:#555}table.duplicates td form{margin:0}
svg.chart{max-width:100%;height:auto}pre{overflow-x:auto;max-width:100%;white-space:pre-wrap;overflow-wrap:anywhere}
input,select,textarea{max-width:100%}
@media (max-width:760px){main{padding:.6rem}main table{display:block;overflow-x:auto;max-width:100%}header{gap:.2rem .8rem;padding:.5rem .6rem}
.filters label{max-width:100%}.filters input,.filters select{max-width:100%}.exports{flex-wrap:wrap}main p,main li,main dd,main h1,main h2{overflow-wrap:anywhere}main td,main th{min-width:4.5em}}
`;

/** The printable receipt and answer letter: one A4 sheet; everything around it is for the screen only. */
export const PRINT_CSS = `
@page{size:A4;margin:20mm}*{box-sizing:border-box}
body{font-family:"Noto Serif CJK SC","Songti SC",serif;color:#000;background:#f0f0f0;margin:0}
.sheet{background:#fff;width:210mm;min-height:297mm;margin:1rem auto;padding:20mm;font-size:12pt;line-height:1.7}
.sheet h1{text-align:center;font-size:18pt;margin:0 0 1.2rem}.sheet dt{font-weight:700;margin-top:.6rem}.sheet dd{margin:0 0 0 2em;white-space:pre-wrap}
dl.receipt dd{font-family:"DejaVu Sans Mono",monospace;font-size:16pt;letter-spacing:.08em}.warn{font-weight:700}
.addressee{font-style:normal;margin-bottom:2rem}.signature{text-align:right;margin-top:2.5rem}.stamp{margin-top:2rem;color:#444;font-size:10pt}
nav.no-print{font-family:system-ui,sans-serif;padding:.6rem 1rem;background:#1f3a5f;color:#fff}nav.no-print a{color:#fff}.staff-note{margin:.4rem 0 0;font-weight:600}
@media print{body{background:#fff}.no-print{display:none}.sheet{margin:0;width:auto;min-height:0;padding:0}}
`;
