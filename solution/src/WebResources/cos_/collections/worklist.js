// creditOS collections worklist (cos_/collections/worklist.html): what the signed-in collector should act on today.
// The daily batch and payment/receivable events write each open invoice's figures (cos_latepaymentprobability,
// cos_expecteddayslate, cos_expectedlateamount, cos_nextaction, cos_nextactiondue, cos_collectionreason, and the
// account's collector in cos_collectorid); this page only reads them, in two requests: the collector's open invoices
// ranked by expected late amount and the collector's accounts (names and open promises). Recording a promise is one
// more request (a cos_promisetopay row; the server checks it and counts it on the account).
// Session 34: an invoice awaiting an ERP re-sync (cos_erpresyncreason, its figures may be an older ERP version's) carries an
// "ERP re-sync" badge on its line, its next action is the engine's "ERP re-sync first" (not chased until cleared), and the
// summary counts them with a link to the view "Invoices needing ERP re-sync" (cos_/scripts/erp_resync_view.js, shared with the
// dashboard tile since session 35). Amounts carry their invoice's own currency (session 35).
var creditOS = creditOS || {};

creditOS.CollectionsWorklist = (function () {
    "use strict";

    var TOP = 250;
    var ACTIONS = { 412500000: "Monitor", 412500001: "Reminder before due date", 412500002: "Call", 412500003: "Resolve dispute", 412500004: "Check promise", 412500005: "ERP re-sync first" };
    var state = { requests: 0, rows: [], accounts: {}, selected: null };

    function xrm() {
        var api = window.Xrm || (window.parent && window.parent.Xrm);
        if (!api) {
            throw new Error("The worklist runs inside the app: the Client API (parent.Xrm) is not available.");
        }
        return api;
    }

    function bare(id) {
        return String(id || "").replace(/[{}]/g, "").toLowerCase();
    }

    function retrieveMultiple(table, options) {
        state.requests++;
        return xrm().WebApi.retrieveMultipleRecords(table, options).then(function (result) { return result.entities; });
    }

    function money(value) {
        return Number(value || 0).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }

    // "EUR 1,234.50", as the engine writes amounts (MoneyText).
    function amount(value, currency) {
        return (currency ? currency + " " : "") + money(value);
    }

    // The invoice's own currency (session 35), expanded with the invoices: an invoice may be in another currency than its
    // customer's default. cos_receivable's currency lookup is declared by the solution, so its navigation property is the
    // column's schema name, TransactionCurrencyId; Dataverse refuses $expand=transactioncurrencyid on it ("Could not find a
    // property named 'transactioncurrencyid'", 400).
    function currencyOf(invoice) {
        var currency = invoice.TransactionCurrencyId;
        return currency && currency.isocurrencycode ? currency.isocurrencycode : "";
    }

    // Flagged by the server when the invoice's ERP messages were applied out of order (session 32-33).
    function needsResync(invoice) {
        return typeof invoice.cos_erpresyncreason === "string" && invoice.cos_erpresyncreason.length > 0;
    }

    // Sums per currency, in the rows' order: figures in different currencies are never added together.
    function perCurrency(rows, pick) {
        var byCurrency = {};
        var order = [];
        rows.forEach(function (row) {
            var code = currencyOf(row);
            if (!(code in byCurrency)) {
                byCurrency[code] = 0;
                order.push(code);
            }
            byCurrency[code] += Number(pick(row) || 0);
        });
        return order.map(function (code) { return { code: code, sum: byCurrency[code] }; });
    }

    function totals(rows, pick) {
        var sums = perCurrency(rows, pick);
        return sums.length === 0 ? money(0) : sums.map(function (s) { return amount(s.sum, s.code); }).join(" + ");
    }

    // The expected late amount is probability × open amount × expected days late (docs/collections.md): a ranking figure
    // in amount-days, not money. Summed per currency and named as such, "12,345.00 USD-days", never "USD 12,345.00".
    function amountDays(rows) {
        var sums = perCurrency(rows, function (r) { return r.cos_expectedlateamount; });
        return sums.length === 0 ? money(0) + " amount-days" : sums.map(function (s) { return money(s.sum) + " " + (s.code ? s.code + "-days" : "amount-days"); }).join(" + ");
    }

    var AMOUNT_DAYS_MEANING = "Probability of paying late × open amount × expected days late, summed: a ranking figure in amount-days (1,000.00 open for 10 days late is 10,000.00), not an amount of money.";

    function day(value) {
        return value ? String(value).substring(0, 10) : "";
    }

    function today() {
        return new Date().toISOString().substring(0, 10);
    }

    // Days past the due date today, counted here: the stored figures do not carry a day count (it would change, and
    // be rewritten, every night), so the collector sees the live figure.
    function daysOverdue(dueDate) {
        if (!day(dueDate)) {
            return "";
        }
        var days = Math.round((Date.parse(today() + "T00:00:00Z") - Date.parse(day(dueDate) + "T00:00:00Z")) / 86400000);
        return days > 0 ? String(days) : "";
    }

    function cell(row, text, className) {
        var td = document.createElement("td");
        td.textContent = text;
        if (className) {
            td.className = className;
        }
        row.appendChild(td);
        return td;
    }

    function render() {
        var body = document.querySelector("#worklist tbody");
        body.textContent = "";
        state.rows.forEach(function (invoice, index) {
            var account = state.accounts[bare(invoice._cos_accountid_value)] || {};
            var tr = document.createElement("tr");
            var resync = needsResync(invoice);
            tr.setAttribute("data-invoice", invoice.cos_invoicenumber);
            tr.setAttribute("data-resync", String(resync));
            if (resync) {
                tr.className = "cos-resync";
            } else if (day(invoice.cos_nextactiondue) && day(invoice.cos_nextactiondue) <= today()) {
                tr.className = "cos-due";
            }
            cell(tr, String(index + 1));
            var number = cell(tr, invoice.cos_invoicenumber);
            if (resync) {
                // The finding itself is on the receivable form; the badge says why this line is not to be chased yet.
                var badge = document.createElement("span");
                badge.className = "cos-badge";
                badge.textContent = "ERP re-sync";
                badge.title = "Awaiting an ERP re-sync: the figures may be an older ERP version's. Do not chase the customer until the ERP re-sent the invoice and the flag is cleared. " + invoice.cos_erpresyncreason;
                number.appendChild(document.createTextNode(" "));
                number.appendChild(badge);
            }
            cell(tr, account.name || "");
            cell(tr, day(invoice.cos_duedate));
            cell(tr, daysOverdue(invoice.cos_duedate), "num");
            cell(tr, amount(invoice.cos_openamount, currencyOf(invoice)), "num");
            cell(tr, Math.round(Number(invoice.cos_latepaymentprobability || 0) * 100) + "%", "num");
            cell(tr, Number(invoice.cos_expecteddayslate || 0).toFixed(1), "num");
            cell(tr, money(invoice.cos_expectedlateamount), "num");
            cell(tr, ACTIONS[invoice.cos_nextaction] || "");
            cell(tr, day(invoice.cos_nextactiondue));
            cell(tr, invoice.cos_collectionreason || "", "cos-reason");
            var button = document.createElement("button");
            button.type = "button";
            button.textContent = "Promise…";
            button.setAttribute("aria-label", "Record a promise to pay for " + invoice.cos_invoicenumber + (account.name ? " (" + account.name + ")" : ""));
            button.addEventListener("click", function () { openPromise(invoice, account); });
            cell(tr, "").appendChild(button);
            body.appendChild(tr);
        });
        var openPromises = Object.keys(state.accounts).reduce(function (sum, id) { return sum + Number(state.accounts[id].cos_openpromisecount || 0); }, 0);
        var summary = document.getElementById("summary");
        summary.textContent = "";
        [["Invoices", String(state.rows.length)], ["Open", totals(state.rows, function (r) { return r.cos_openamount; })], ["Expected lateness (amount-days, for ranking)", amountDays(state.rows), AMOUNT_DAYS_MEANING], ["Open promises", String(openPromises)]].forEach(function (pair) {
            var div = document.createElement("div");
            div.textContent = pair[0] + ": " + pair[1];
            if (pair[2]) {
                div.id = "expected-lateness";
                div.title = pair[2];
            }
            summary.appendChild(div);
        });
        summary.appendChild(resyncSummary(state.rows.filter(needsResync)));
        document.getElementById("status").textContent = state.rows.length === 0 ? "Nothing to collect today." : "Ranked by expected late amount (probability × open amount × expected days late).";
    }

    // How many of the collector's invoices await an ERP re-sync, with a link to the view that lists them all.
    function resyncSummary(flagged) {
        var div = document.createElement("div");
        div.id = "erp-resync";
        div.setAttribute("data-count", String(flagged.length));
        if (flagged.length === 0) {
            div.textContent = "Awaiting ERP re-sync: none";
            return div;
        }
        div.className = "cos-warn";
        div.appendChild(document.createTextNode("Awaiting ERP re-sync: " + flagged.length + " (" + totals(flagged, function (r) { return r.cos_openamount; }) + ", not to be chased yet) "));
        var link = creditOS.ErpResyncView.link(xrm, "Open the view", document.getElementById("status"), "Open the view Invoices needing ERP re-sync");
        div.appendChild(link);
        return div;
    }

    function openPromise(invoice, account) {
        state.selected = { invoice: invoice, accountId: bare(invoice._cos_accountid_value) };
        document.getElementById("promise-title").textContent = "Promise from " + (account.name || "the customer") + " for " + invoice.cos_invoicenumber;
        document.getElementById("promise-amount").value = Number(invoice.cos_openamount || 0).toFixed(2);
        document.getElementById("promise-currency").textContent = currencyOf(invoice) ? " (" + currencyOf(invoice) + ")" : "";
        document.getElementById("promise-date").value = today();
        document.getElementById("promise-invoices").value = invoice.cos_erpid || invoice.cos_invoicenumber;
        document.getElementById("promise").style.display = "flex";
        document.getElementById("promise-amount").focus();
    }

    function recordPromise(event) {
        event.preventDefault();
        var selected = state.selected;
        if (!selected) {
            return;
        }
        state.requests++;
        xrm().WebApi.createRecord("cos_promisetopay", {
            cos_name: "Promise for " + selected.invoice.cos_invoicenumber,
            "cos_AccountId@odata.bind": "/accounts(" + selected.accountId + ")",
            cos_amount: Number(document.getElementById("promise-amount").value),
            cos_promisedfor: document.getElementById("promise-date").value,
            cos_coveredinvoices: document.getElementById("promise-invoices").value
        }).then(function () {
            document.getElementById("status").textContent = "Promise recorded for " + selected.invoice.cos_invoicenumber + ".";
            document.getElementById("promise").style.display = "none";
            document.body.setAttribute("data-state", "promise-recorded");
        }, function (error) {
            document.getElementById("status").textContent = "The promise was not recorded: " + (error && error.message ? error.message : String(error));
            document.body.setAttribute("data-state", "promise-refused");
        });
    }

    function start() {
        var userId;
        try {
            userId = bare(xrm().Utility.getGlobalContext().userSettings.userId);
        } catch (error) {
            document.getElementById("status").textContent = error.message;
            document.body.setAttribute("data-state", "error");
            return;
        }
        document.getElementById("promise").addEventListener("submit", recordPromise);
        var mine = "_cos_collectorid_value eq " + userId;
        Promise.all([
            retrieveMultiple("cos_receivable", "?$select=cos_invoicenumber,cos_erpid,_cos_accountid_value,cos_duedate,cos_openamount,cos_latepaymentprobability,cos_expecteddayslate,cos_expectedlateamount,cos_nextaction,cos_nextactiondue,cos_collectionreason,cos_erpresyncreason&$expand=TransactionCurrencyId($select=isocurrencycode,currencysymbol)&$filter=" + mine + " and cos_openamount gt 0&$orderby=cos_expectedlateamount desc&$top=" + TOP),
            retrieveMultiple("account", "?$select=accountid,name,cos_openpromisecount,cos_nextpromisedate&$filter=" + mine)
        ]).then(function (results) {
            state.rows = results[0];
            state.accounts = {};
            results[1].forEach(function (account) { state.accounts[bare(account.accountid)] = account; });
            render();
            document.body.setAttribute("data-state", "ready");
        }, function (error) {
            document.getElementById("status").textContent = "The worklist could not be read: " + (error && error.message ? error.message : String(error));
            document.body.setAttribute("data-state", "error");
        });
    }

    return { start: start, state: state };
}());
