/** Served from /desk/static/desk.css (the CSP forbids inline styles). Narrow first: a phone at 390 px. */
export const DESK_CSS = `
*{box-sizing:border-box}body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9;font-size:16px}
header{background:#1f3a5f;color:#fff;padding:.6rem .8rem;display:flex;gap:.8rem;align-items:center;flex-wrap:wrap}
header a,header button{color:#fff}header form{margin:0}header button{background:none;border:1px solid #fff;padding:.2rem .5rem}
main{padding:.8rem;max-width:760px;margin:auto}h1{font-size:1.3rem}h2{font-size:1.1rem}
.card{background:#fff;border:1px solid #d6d9de;padding:.8rem;margin-bottom:.8rem}
.duty h3{font-size:1rem;margin:.1rem 0 .3rem}.meta{color:#555;font-size:.9rem}.overdue{color:#a35200;font-weight:600}
.duty form{display:flex;flex-direction:column;gap:.4rem;margin-top:.5rem}
.flash{padding:.5rem .8rem;margin-bottom:.8rem;border:1px solid}.flash.ok{background:#e8f5e9;border-color:#66bb6a}.flash.err{background:#fdecea;border-color:#e57373}
.metric{display:block;margin:.6rem 0}.metric span{display:block}.metric input{width:100%;font-size:1rem;padding:.4rem}
.metric small{color:#555}.metric.bad input{border:2px solid #b00020}.metric .err{color:#b00020}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.9rem}th,td{border:1px solid #d6d9de;padding:.3rem .4rem;text-align:left;vertical-align:top}
td.num{text-align:right;white-space:nowrap}th{background:#eef1f5}.warn{background:#fff8e1;border-color:#f0b400}
button{cursor:pointer;font-size:1rem;padding:.45rem .9rem}.primary{background:#1f3a5f;color:#fff;border:0}
label.check{display:flex;gap:.5rem;align-items:flex-start;margin:.6rem 0}textarea{width:100%;min-height:4rem}
.login{max-width:360px;margin:2rem auto;background:#fff;padding:1rem;border:1px solid #d6d9de}
`;
