/// Redress's own stylesheet, after the GOV.UK Design System (its colours, spacing, focus
/// style and form patterns) without its code. Served at `/assets/redress.css`.
enum Stylesheet {
    static let css = """
        *,*::before,*::after{box-sizing:border-box}
        html{font-family:Arial,"Liberation \
        Sans",Helvetica,sans-serif;font-size:100%;line-height:1.3;color:#0b0c0c;background:#f3f2f1;-webkit-text-size-adjust:100%}
        body{margin:0;background:#fff}
        .app-width-container{max-width:1100px;margin:0 auto;padding:0 15px}
        .app-skip-link{position:absolute;left:-9999px;top:0;padding:10px 15px;background:#ffdd00;color:#0b0c0c}
        .app-skip-link:focus{left:0;z-index:10;outline:3px solid #ffdd00;text-decoration:underline}
        .app-header{background:#0b0c0c;color:#fff;border-bottom:10px solid #1d70b8}
        .app-header__inner{padding-top:12px;padding-bottom:8px}
        .app-header__service{color:#fff;font-weight:700;font-size:1.5rem;text-decoration:none;margin-right:12px}
        .app-header__service:hover{text-decoration:underline}
        .app-header__tagline{color:#fff;font-size:1rem}
        .app-nav{background:#f3f2f1;border-bottom:1px solid #b1b4b6}
        .app-nav__list{list-style:none;margin:0 auto;display:flex;flex-wrap:wrap;gap:0 14px}
        .app-nav__item a:visited{color:#1d70b8}
        .app-nav__item{padding:10px 0 7px;border-bottom:4px solid transparent;font-size:1rem}
        .app-nav__item--active{border-bottom-color:#1d70b8}
        .app-nav__item a{font-weight:700}
        .app-main{padding:25px 0 45px;max-width:100%}
        .app-footer{border-top:1px solid #b1b4b6;background:#f3f2f1;padding:20px 0;font-size:.875rem}
        .app-link,a{color:#1d70b8;text-decoration:underline;text-underline-offset:.1em}
        a:visited{color:#4c2c92}
        a:hover{color:#003078;text-decoration-thickness:max(3px,.1875rem,.12em)}
        a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid \
        #ffdd00;outline-offset:0;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c}
        a:focus{background:#ffdd00;color:#0b0c0c;text-decoration:none;box-shadow:0 -2px #ffdd00,0 4px \
        #0b0c0c;outline:none}
        h1,.app-heading-xl{font-size:2rem;margin:0 0 30px;font-weight:700;line-height:1.1}
        h2,.app-heading-l{font-size:1.5rem;margin:30px 0 15px;font-weight:700}
        h3,.app-heading-m{font-size:1.1875rem;margin:20px 0 10px;font-weight:700}
        p,li,td,th,label,legend,.app-body{font-size:1.1875rem}
        p{margin:0 0 20px;max-width:40em}
        .app-visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;border:0!important;white-space:nowrap!important}
        .app-caption{display:block;color:#505a5f;font-size:1.1875rem;margin-bottom:5px}
        .app-hint,.app-hint-inline{color:#505a5f}
        .app-hint{display:block;margin-bottom:15px;font-size:1.1875rem}
        .app-list{padding-left:20px;margin:0 0 20px}
        .app-form-group{margin-bottom:30px}
        .app-form-group--error{border-left:5px solid #d4351c;padding-left:15px}
        .app-label,legend{display:block;font-weight:700;margin-bottom:5px}
        .app-label--s{font-weight:400}
        fieldset{border:0;margin:0;padding:0;min-width:0}
        legend{font-size:1.5rem;padding:0}
        .app-error-message{display:block;color:#d4351c;font-weight:700;margin-bottom:15px;font-size:1.1875rem}
        .app-input,.app-select,.app-textarea{font:inherit;font-size:1.1875rem;border:2px solid \
        #0b0c0c;padding:5px;min-height:40px;max-width:100%;background:#fff;color:#0b0c0c}
        .app-input--error,.app-select--error,.app-textarea--error{border-color:#d4351c}
        .app-input{width:100%;max-width:30em}
        .app-input--width-2{width:5.4ex}.app-input--width-4{width:9ex}.app-input--width-10{width:14ex}.app-input--width-20{width:26ex}
        .app-header__user{margin-left:auto;display:flex;gap:10px;align-items:center;flex-wrap:wrap;font-size:1rem}
        .app-header__user form{margin:0}
        .app-header__user .app-button{margin:0;font-size:1rem;padding:4px 8px}
        .app-warning{border-left:5px solid #d4351c;padding:10px 15px;margin-bottom:20px;font-weight:700}
        .app-textarea{width:100%;max-width:40em;min-height:8em}
        .app-select{min-width:12em}
        .app-select.app-select--narrow{min-width:4em;width:auto}
        .app-file-upload{font-size:1rem;padding:4px 0;max-width:100%}
        .app-pre-line{white-space:pre-line}
        .app-letter__logo{max-height:70px;max-width:50%}
        .app-inset-text{border-left:10px solid #b1b4b6;padding:15px;margin:20px 0}
        .app-preview{white-space:pre-wrap;word-break:break-word;background:#f3f2f1;padding:15px}
        .app-preview{font-size:.9375rem;max-height:70vh;overflow:auto}
        .app-logo-preview{max-height:80px;max-width:320px;border:1px solid #b1b4b6;padding:8px;background:#fff}
        .app-date-input{display:flex;gap:20px;flex-wrap:wrap}
        .app-date-input__item label{display:block;font-weight:400;margin-bottom:5px}
        .app-radios__item{display:flex;align-items:center;gap:10px;margin-bottom:10px;min-height:40px}
        .app-radios__item input{width:40px;height:40px;margin:0;accent-color:#0b0c0c;flex:0 0 auto}
        .app-radios__item label{margin:0}
        .app-radios__text .app-hint{margin:0}
        .app-checkboxes__item .app-label{font-weight:400}
        .app-checkboxes__item{display:flex;align-items:center;gap:10px;margin-bottom:10px;min-height:40px}
        .app-checkboxes__item input{width:40px;height:40px;margin:0;accent-color:#0b0c0c;flex:0 0 auto}
        .app-checkboxes__item label{margin:0}
        .app-radios--inline{display:flex;gap:0 30px;flex-wrap:wrap}
        .app-button{font:inherit;font-size:1.1875rem;line-height:1.2;display:inline-block;padding:8px 10px \
        7px;border:2px solid transparent;border-radius:0;color:#fff;background:#00703c;box-shadow:0 2px 0 \
        #002d18;cursor:pointer;margin:0 15px 32px 0;text-decoration:none}
        .app-button:hover{background:#005a30}
        .app-button:focus{background:#ffdd00;color:#0b0c0c;box-shadow:0 2px 0 #0b0c0c;outline:3px solid transparent}
        .app-button--small{font-size:1rem;padding:4px 8px;margin:5px 0 0}
        .app-button--secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
        .app-button--warning{background:#d4351c;box-shadow:0 2px 0 #55150b}
        .app-error-summary{border:5px solid #d4351c;padding:20px;margin-bottom:30px}
        .app-error-summary:focus{outline:3px solid #ffdd00}
        .app-error-summary__title{margin-top:0}
        .app-error-summary__list a{color:#d4351c;font-weight:700}
        .app-notification{border:5px solid #00703c;padding:15px 20px;margin-bottom:30px}
        .app-honeypot{display:none}
        .app-list--bullet{list-style:disc;padding-left:20px}
        .app-button-group{display:flex;flex-wrap:wrap;align-items:center;gap:15px 20px;margin-bottom:20px}
        .app-button-group .app-button{margin-bottom:0}
        .app-button-link{background:none;border:0;padding:0;font:inherit;color:#1d70b8;text-decoration:underline;cursor:pointer}
        .app-button-link:hover{color:#003078}
        .app-button-link:focus{outline:3px solid transparent;background:#ffdd00;box-shadow:0 -2px #ffdd00,0 4px \
        #0b0c0c;text-decoration:none;color:#0b0c0c}
        .app-summary-list{margin:0 0 30px}
        .app-summary-list__row{display:flex;flex-wrap:wrap;border-bottom:1px solid #b1b4b6;padding:10px 0}
        .app-summary-list__key{font-weight:700;flex:0 0 30%;margin:0 20px 5px 0}
        .app-summary-list__value{flex:1 1 40%;margin:0 20px 5px 0;white-space:pre-wrap;overflow-wrap:anywhere}
        .app-summary-list__actions{margin:0;text-align:right;flex:0 0 auto}
        .app-panel{background:#00703c;color:#fff;padding:25px;margin-bottom:20px;text-align:center}
        .app-panel__title{margin-top:0;font-size:2rem;color:#fff}
        .app-panel__body{font-size:1.5rem}
        .app-fieldset__legend--l{margin-bottom:15px}
        .app-fieldset__heading{margin:0;font-size:2rem}
        .app-summary-card{border:1px solid #b1b4b6;padding:15px 20px;margin-bottom:20px}
        .app-notification__title{margin:0 0 5px;font-size:1.1875rem}
        .app-table{width:100%;border-collapse:collapse;margin-bottom:30px}
        .app-table caption{text-align:left;font-weight:700;font-size:1.5rem;margin-bottom:15px}
        .app-table th,.app-table td{border-bottom:1px solid #b1b4b6;padding:10px 20px 10px \
        0;text-align:left;vertical-align:top}
        .app-table .app-numeric{text-align:right}
        .app-table tfoot th,.app-table tfoot td{font-weight:700}
        .app-table-wrap{overflow-x:auto}
        .app-summary-list{margin:0 0 30px;border-collapse:collapse;width:100%}
        .app-summary-list th,.app-summary-list td{border-bottom:1px solid #b1b4b6;padding:10px 20px 10px \
        0;text-align:left;vertical-align:top}
        .app-summary-list th{width:30%;font-weight:700}
        .app-tag{display:inline-block;padding:2px 8px 3px;font-weight:400;font-size:1rem;line-height:1.25}
        .app-tag--green{background:#cce2d8;color:#005a30}
        .app-tag--red{background:#f4cdc6;color:#942514}
        .app-tag--yellow{background:#fff7bf;color:#594d00}
        .app-tag--blue{background:#d2e2f1;color:#0c2d4a}
        .app-tag--grey{background:#e5e6e7;color:#282d30}
        .app-tag--orange{background:#fcd6c3;color:#6e3619}
        .app-row--overdue td,.app-row--overdue th{background:#fdf1ef}
        .app-stats{display:flex;flex-wrap:wrap;gap:20px;margin-bottom:30px;padding:0;list-style:none}
        .app-stats li{border-left:5px solid #1d70b8;padding:5px 15px;min-width:12em}
        .app-stats strong{display:block;font-size:2rem}
        .app-note{font-size:1rem;color:#505a5f;max-width:45em}
        .app-step-form{border-top:1px solid #b1b4b6;padding-top:10px;margin-bottom:10px;max-width:40em}
        .app-step-form legend{font-size:1.1875rem}
        .app-stage{border-left:5px solid #b1b4b6;padding-left:15px;margin-bottom:30px}
        .app-queue-list{list-style:none;padding:0}
        .app-queue-list li{margin-bottom:8px}
        .app-queue-list a[aria-current]{font-weight:700}
        .app-details{margin-bottom:20px}
        .app-details summary{color:#1d70b8;text-decoration:underline;cursor:pointer;font-size:1.1875rem;padding:5px 0}
        .app-checkbox-grid{columns:2 18em}
        .app-inline-form{display:flex;gap:15px;align-items:flex-end;flex-wrap:wrap;margin-bottom:20px}
        .app-inline-form .app-form-group{margin-bottom:0}
        .app-inline-form .app-button{margin-bottom:0}
        .app-chart{margin:0 0 15px;max-width:45em}
        .app-chart text{font-size:14px;fill:#0b0c0c}
        .app-bar{fill:#1d70b8}
        .app-report-section{margin-bottom:40px}
        .app-header__inner{display:flex;flex-wrap:wrap;align-items:center;gap:10px 20px}
        .app-header__service:visited{color:#fff}
        .app-table .app-reference{white-space:nowrap}
        .app-header__search{display:flex;gap:8px;align-items:center;margin:0;flex:1 1 18em;max-width:28em}
        .app-header__search .app-input{min-height:34px;padding:3px 6px;font-size:1rem;border-color:#fff}
        .app-header__search .app-button{margin:0;font-size:1rem;padding:4px 8px}
        .app-back-link{font-size:1rem;display:inline-block;margin-bottom:15px}
        .app-back-link::before{content:"\\2039\\00a0"}
        .app-notification--success{border-color:#00703c}
        .app-summary-card{border:2px solid #1d70b8;padding:5px 20px;margin-bottom:30px;max-width:60em}
        .app-summary-card__title{margin:10px 0 5px;font-size:1.1875rem}
        .app-summary-card__list{margin:0}
        .app-summary-card__row{display:grid;grid-template-columns:28% minmax(0,1fr) auto;column-gap:20px;\
        border-bottom:1px solid #b1b4b6;padding:6px 0}
        .app-summary-card__row:last-child{border-bottom:0}
        .app-summary-card__row dt{font-weight:700;margin:0;font-size:1.1875rem}
        .app-summary-card__row dd{margin:0;font-size:1.1875rem;overflow-wrap:anywhere}
        .app-summary-card__row dd.app-summary-card__action{text-align:right;white-space:nowrap}
        .app-next-steps{margin-bottom:30px}
        .app-task-list__heading{margin:15px 0 5px}
        .app-task-list{list-style:none;padding:0;margin:0 0 15px;max-width:40em}
        .app-task-list__item{border-bottom:1px solid #b1b4b6;padding:8px 0}
        .app-list-layout{display:flex;flex-wrap:wrap;gap:30px}
        .app-list-layout__filters{flex:0 0 16em}
        .app-list-layout__results{flex:1 1 30em;min-width:0}
        .app-filters{background:#f3f2f1;padding:15px}
        .app-filters__title{margin-top:0}
        .app-filters .app-form-group{margin-bottom:15px}
        .app-filters .app-select,.app-filters .app-input{min-width:0;width:100%}
        .app-pager{display:flex;gap:30px;margin-bottom:20px}
        .app-checkboxes__item{display:flex;align-items:center;gap:10px;min-height:40px}
        .app-checkboxes__item input{width:40px;height:40px;margin:0;accent-color:#0b0c0c;flex:0 0 auto}
        .app-warning-text{border-left:5px solid #0b0c0c;padding:10px 15px;margin-bottom:20px;font-size:1.1875rem}
        .app-search-form{display:flex;gap:15px;align-items:flex-end;flex-wrap:wrap}
        .app-search-form .app-form-group{margin-bottom:20px;flex:1 1 20em}
        .app-calendar{width:100%;border-collapse:collapse;table-layout:fixed;margin-bottom:30px;min-width:50em}
        .app-calendar th{text-align:left;font-size:1rem;padding:5px}
        .app-calendar td{border:1px solid #b1b4b6;vertical-align:top;padding:5px;height:6em;font-size:.875rem}
        .app-calendar__weekend{background:#f3f2f1}
        .app-calendar__today{outline:3px solid #1d70b8;outline-offset:-3px}
        .app-calendar__date{font-weight:700;display:block}
        .app-calendar__holiday{display:block;color:#505a5f;font-size:.875rem}
        .app-calendar__list{list-style:none;padding:0;margin:5px 0 0}
        .app-calendar__list li{font-size:.875rem;margin-bottom:4px}
        @media print{.app-nav,.app-header__user,.app-no-print,.app-skip-link,.app-footer{display:none}.app-report-section h2{break-before:page}.app-table-wrap{overflow:visible}}
        @media (max-width:40em){h1{font-size:1.6rem}p,li,td,th,label,.app-body{font-size:1rem}.app-table \
        th,.app-table td{padding-right:10px}.app-summary-card__row{grid-template-columns:minmax(0,1fr) auto}\
        .app-summary-card__row dt{grid-column:1 / -1;margin-bottom:2px}}
        """
}
