// creditOS collections worklist (cos_/collections/worklist.html): what the signed-in collector should act on today.
// The daily batch and payment/receivable events write each open invoice's figures (cos_latepaymentprobability,
// cos_expecteddayslate, cos_expectedlateamount, cos_nextaction, cos_nextactiondue, cos_collectionreason, and the
// account's collector in cos_collectorid); this page only reads them, in two requests: the collector's open invoices
// ranked by expected late amount and the collector's accounts (names and open promises). Recording a promise is one
// more request (a cos_promisetopay row; the server checks it and counts it on the account).
var creditOS = creditOS || {};

creditOS.CollectionsWorklist = (function () {
    "use strict";

    var TOP = 250;
    var ACTIONS = { 412500000: "Monitor", 412500001: "Reminder before due date", 412500002: "Call", 412500003: "Resolve dispute", 412500004: "Check promise" };
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
        var totalOpen = 0;
        var totalExpected = 0;
        state.rows.forEach(function (invoice, index) {
            var account = state.accounts[bare(invoice._cos_accountid_value)] || {};
            var tr = document.createElement("tr");
            tr.setAttribute("data-invoice", invoice.cos_invoicenumber);
            if (day(invoice.cos_nextactiondue) && day(invoice.cos_nextactiondue) <= today()) {
                tr.className = "cos-due";
            }
            cell(tr, String(index + 1));
            cell(tr, invoice.cos_invoicenumber);
            cell(tr, account.name || "");
            cell(tr, day(invoice.cos_duedate));
            cell(tr, daysOverdue(invoice.cos_duedate), "num");
            cell(tr, money(invoice.cos_openamount), "num");
            cell(tr, Math.round(Number(invoice.cos_latepaymentprobability || 0) * 100) + "%", "num");
            cell(tr, Number(invoice.cos_expecteddayslate || 0).toFixed(1), "num");
            cell(tr, money(invoice.cos_expectedlateamount), "num");
            cell(tr, ACTIONS[invoice.cos_nextaction] || "");
            cell(tr, day(invoice.cos_nextactiondue));
            cell(tr, invoice.cos_collectionreason || "", "cos-reason");
            var button = document.createElement("button");
            button.type = "button";
            button.textContent = "Promise…";
            button.addEventListener("click", function () { openPromise(invoice, account); });
            cell(tr, "").appendChild(button);
            body.appendChild(tr);
            totalOpen += Number(invoice.cos_openamount || 0);
            totalExpected += Number(invoice.cos_expectedlateamount || 0);
        });
        var openPromises = Object.keys(state.accounts).reduce(function (sum, id) { return sum + Number(state.accounts[id].cos_openpromisecount || 0); }, 0);
        document.getElementById("summary").innerHTML = "";
        [["Invoices", String(state.rows.length)], ["Open", money(totalOpen)], ["Expected late amount", money(totalExpected)], ["Open promises", String(openPromises)]].forEach(function (pair) {
            var div = document.createElement("div");
            div.textContent = pair[0] + ": " + pair[1];
            document.getElementById("summary").appendChild(div);
        });
        document.getElementById("status").textContent = state.rows.length === 0 ? "Nothing to collect today." : "Ranked by expected late amount (probability × open amount × expected days late).";
    }

    function openPromise(invoice, account) {
        state.selected = { invoice: invoice, accountId: bare(invoice._cos_accountid_value) };
        document.getElementById("promise-title").textContent = "Promise from " + (account.name || "the customer") + " for " + invoice.cos_invoicenumber;
        document.getElementById("promise-amount").value = Number(invoice.cos_openamount || 0).toFixed(2);
        document.getElementById("promise-date").value = today();
        document.getElementById("promise-invoices").value = invoice.cos_erpid || invoice.cos_invoicenumber;
        document.getElementById("promise").style.display = "flex";
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
            retrieveMultiple("cos_receivable", "?$select=cos_invoicenumber,cos_erpid,_cos_accountid_value,cos_duedate,cos_openamount,cos_latepaymentprobability,cos_expecteddayslate,cos_expectedlateamount,cos_nextaction,cos_nextactiondue,cos_collectionreason&$filter=" + mine + " and cos_openamount gt 0&$orderby=cos_expectedlateamount desc&$top=" + TOP),
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
