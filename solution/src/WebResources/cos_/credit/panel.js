// creditOS credit panel (cos_/credit/panel.html): the customer's credit picture for the sales rep and Finance.
// Placed on the account form (Credit tab) and on the credit approval request form with "pass record object-type
// code and unique identifier as parameters", so it reads typename and id from its URL and the Client API from
// parent.Xrm. It reads only the columns it shows, in a fixed number of requests: one per table (plus one to find the
// request's customer on the approval form), whatever the customer's size.
var creditOS = creditOS || {};

creditOS.CreditPanel = (function () {
    "use strict";

    // Utilization gauge markers: above 80% the customer nears the limit, above 95% orders will be held.
    var WARN_UTILIZATION = 80;
    var CRITICAL_UTILIZATION = 95;
    var HISTORY_POINTS = 12;
    var OPEN_APPROVAL_STATUSES = [412500000, 412500004]; // Pending, Escalated
    var ORDER_ON_HOLD = 412500003;
    var ORDER_AWAITING_PREPAYMENT = 412500007;
    var HELD_ORDER_STATUSES = { 412500003: "On hold", 412500007: "Awaiting prepayment" };
    var SCORE_ENTRY = 412500000;
    var PROMISE_STATUS = { 412500000: "open", 412500001: "kept", 412500002: "broken" };
    var RISK_LEVELS = { 412500000: "Low", 412500001: "Medium", 412500002: "High", 412500003: "Severe" };
    var RATINGS = { 412500000: "A", 412500001: "B", 412500002: "C", 412500003: "D", 412500004: "E" };
    var REQUEST_TYPES = { 412500000: "Order", 412500001: "Initial limit", 412500002: "Limit increase", 412500003: "Limit review" };
    var APPROVAL_STATUSES = { 412500000: "Pending", 412500004: "Escalated" };
    var CURRENCY_OF_SOLUTION_TABLE = "TransactionCurrencyId($select=isocurrencycode)";
    // Aging buckets by days past due, as the credit engine's AgingBalance counts them. Computed here from the open
    // receivables the panel reads anyway: the account no longer stores them, because buckets move with the calendar
    // alone and storing them rewrote every account with an unpaid invoice as it aged (issue 15, session 16).
    var BUCKETS = [
        { key: "current", label: "Current", max: 0 },
        { key: "1-30", label: "1–30 days", max: 30 },
        { key: "31-60", label: "31–60 days", max: 60 },
        { key: "61-90", label: "61–90 days", max: 90 },
        { key: "90+", label: "Over 90 days", max: Infinity }
    ];
    var DAY_MS = 24 * 60 * 60 * 1000;

    var state = { accountId: null, requests: 0, filterBucket: null, data: null };

    function xrm() {
        var api = window.Xrm || (window.parent && window.parent.Xrm);
        if (!api) {
            throw new Error("The credit panel runs on a form: the Client API (parent.Xrm) is not available.");
        }
        return api;
    }

    function parameters() {
        var result = {};
        window.location.search.replace(/^\?/, "").split("&").forEach(function (pair) {
            if (pair) {
                var parts = pair.split("=");
                result[decodeURIComponent(parts[0])] = decodeURIComponent((parts[1] || "").replace(/\+/g, " "));
            }
        });
        return result;
    }

    function bare(id) {
        return String(id || "").replace(/[{}]/g, "").toLowerCase();
    }

    function retrieveRecord(table, id, options) {
        state.requests++;
        return xrm().WebApi.retrieveRecord(table, id, options);
    }

    function retrieveMultiple(table, options) {
        state.requests++;
        return xrm().WebApi.retrieveMultipleRecords(table, options).then(function (result) { return result.entities; });
    }

    function isoDate(date) {
        return date.toISOString().substring(0, 10);
    }

    function today() {
        var now = new Date();
        return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    }

    // The fiscal year this panel reports promises for: the calendar year (creditOS organizations use a January start).
    function fiscalYearStart() {
        return new Date(Date.UTC(today().getUTCFullYear(), 0, 1));
    }

    function accountIdFor(params) {
        var typename = params.typename;
        var id = bare(params.id);
        if (!id) {
            return Promise.reject(new Error("The record is not saved yet: the credit panel shows once it is."));
        }
        if (typename === "account") {
            return Promise.resolve(id);
        }
        if (typename === "cos_creditapprovalrequest") {
            return retrieveRecord("cos_creditapprovalrequest", id, "?$select=_cos_accountid_value").then(function (request) {
                if (!request._cos_accountid_value) {
                    throw new Error("The approval request names no customer.");
                }
                return bare(request._cos_accountid_value);
            });
        }
        return Promise.reject(new Error("The credit panel is placed on a " + typename + " form; it belongs on the account or credit approval request form."));
    }

    function load(accountId) {
        var filterAccount = "_cos_accountid_value eq " + accountId;
        var approvalFilter = OPEN_APPROVAL_STATUSES.map(function (status) { return "cos_approvalstatus eq " + status; }).join(" or ");
        return Promise.all([
            retrieveRecord("account", accountId, "?$select=name,creditlimit,cos_exposure,cos_availablecredit,cos_utilization,cos_valuescore,cos_riskscore,cos_risklevel,cos_topreasons,cos_openreceivables,cos_overdueamount,cos_oldestoverduedays,cos_oldestoverduesince,cos_isstarterterms,cos_issuspended,cos_lastscoredon&$expand=transactioncurrencyid($select=isocurrencycode)"),
            retrieveMultiple("cos_creditscorehistory", "?$select=cos_valuescore,cos_riskscore,cos_scoredon&$filter=" + filterAccount + " and cos_entrytype eq " + SCORE_ENTRY + "&$orderby=cos_scoredon desc&$top=" + HISTORY_POINTS),
            // Open items, and any invoice flagged for an ERP re-sync (a paid one too: its figures may be an older version's).
            // Each invoice's own currency and its open amount in the base currency (session 35): an invoice may be in another
            // currency than its customer's, so the aging adds cos_openamount_base, never the amounts as stored.
            retrieveMultiple("cos_receivable", "?$select=cos_invoicenumber,cos_duedate,cos_openamount,cos_openamount_base,cos_isdisputed,cos_erpresyncreason&$expand=" + CURRENCY_OF_SOLUTION_TABLE + "&$filter=" + filterAccount + " and (cos_openamount gt 0 or cos_erpresyncreason ne null)&$orderby=cos_duedate asc"),
            retrieveMultiple("cos_promisetopay", "?$select=cos_amount,cos_promisestatus&$filter=" + filterAccount + " and cos_promisedfor ge " + isoDate(fiscalYearStart())),
            // Held orders, approval requests and bureau reports each carry their own currency (session 35): a bureau reports in its
            // own, an order may be in another than the customer's default. The solution declares the currency lookups of its own
            // tables, so their navigation property is the schema name TransactionCurrencyId; salesorder's is the platform's.
            retrieveMultiple("cos_bureaureport", "?$select=cos_bureau,cos_reportdate,cos_solvencyscore,cos_rating,cos_recommendedcredit,cos_dbtscore,cos_hasjudgment,cos_haslien&$expand=" + CURRENCY_OF_SOLUTION_TABLE + "&$filter=" + filterAccount + "&$orderby=cos_reportdate desc&$top=2"),
            retrieveMultiple("salesorder", "?$select=name,ordernumber,totalamount,cos_creditstatus,cos_holdreason,createdon&$expand=transactioncurrencyid($select=isocurrencycode)&$filter=_customerid_value eq " + accountId + " and (cos_creditstatus eq " + ORDER_ON_HOLD + " or cos_creditstatus eq " + ORDER_AWAITING_PREPAYMENT + ")&$orderby=createdon asc"),
            retrieveMultiple("cos_creditapprovalrequest", "?$select=cos_name,cos_requesttype,cos_orderamount,cos_requestedon,cos_approvalstatus&$expand=" + CURRENCY_OF_SOLUTION_TABLE + "&$filter=" + filterAccount + " and (" + approvalFilter + ")&$orderby=cos_requestedon asc"),
            baseCurrency()
        ]).then(function (results) {
            return {
                account: results[0],
                history: results[1].slice().reverse(),
                receivables: results[2],
                promises: results[3],
                bureau: results[4],
                heldOrders: results[5],
                approvals: results[6],
                baseCurrency: results[7]
            };
        });
    }

    // The organization's base currency, the aging's (organizationSettings.baseCurrency gives its id and name only: its ISO
    // code is one more request, as on the dashboard's aging).
    function baseCurrency() {
        var currency = xrm().Utility.getGlobalContext().organizationSettings.baseCurrency;
        return retrieveRecord("transactioncurrency", bare(currency.id), "?$select=isocurrencycode").then(function (row) { return row.isocurrencycode; });
    }

    // ---- figures ---------------------------------------------------------------------------------------------

    function daysPastDue(dueDate) {
        if (!dueDate) {
            return 0;
        }
        var due = new Date(dueDate.length === 10 ? dueDate + "T00:00:00Z" : dueDate);
        var dueDay = Date.UTC(due.getUTCFullYear(), due.getUTCMonth(), due.getUTCDate());
        return Math.round((today().getTime() - dueDay) / DAY_MS);
    }

    function bucketOf(days) {
        for (var i = 0; i < BUCKETS.length; i++) {
            if (days <= BUCKETS[i].max) {
                return BUCKETS[i];
            }
        }
        return BUCKETS[BUCKETS.length - 1];
    }

    function items(receivables) {
        return receivables.filter(function (row) { return (row.cos_openamount || 0) > 0; }).map(function (row) {
            var days = daysPastDue(row.cos_duedate);
            return {
                invoice: row.cos_invoicenumber,
                dueDate: row.cos_duedate,
                open: row.cos_openamount || 0,
                openBase: row.cos_openamount_base || 0,
                currency: recordCurrency(row),
                disputed: row.cos_isdisputed === true,
                resync: needsResync(row),
                daysPastDue: Math.max(0, days),
                bucket: bucketOf(days).key
            };
        }).sort(function (a, b) { return b.daysPastDue - a.daysPastDue; });
    }

    // Flagged by the server when the invoice's ERP messages were applied out of order (cos_erpresyncreason): its figures
    // may be an older ERP version's until the ERP re-sends it and Finance clears the flag (cos_ClearErpResync).
    function needsResync(row) {
        return typeof row.cos_erpresyncreason === "string" && row.cos_erpresyncreason.length > 0;
    }

    // The bucket totals are today's: the open items below (the drill-down list) summed by their bucket, to the cent,
    // so a bucket and its drill-down always agree and both age with the calendar without a write on the server. Summed in the
    // base currency (cos_openamount_base, at each invoice's exchange rate): the amounts as stored may be in several currencies.
    function aging(openItems) {
        var cents = {};
        BUCKETS.forEach(function (bucket) { cents[bucket.key] = 0; });
        openItems.forEach(function (item) { cents[item.bucket] += Math.round(item.openBase * 100); });
        var totals = {};
        BUCKETS.forEach(function (bucket) { totals[bucket.key] = cents[bucket.key] / 100; });
        return totals;
    }

    function promiseSummary(promises) {
        var summary = { open: { count: 0, amount: 0 }, kept: { count: 0, amount: 0 }, broken: { count: 0, amount: 0 } };
        promises.forEach(function (promise) {
            var status = PROMISE_STATUS[promise.cos_promisestatus];
            if (status) {
                summary[status].count++;
                summary[status].amount += promise.cos_amount || 0;
            }
        });
        return summary;
    }

    // ---- rendering -------------------------------------------------------------------------------------------

    function el(tag, attributes, children) {
        var node = document.createElement(tag);
        Object.keys(attributes || {}).forEach(function (name) {
            if (name === "text") {
                node.textContent = attributes[name];
            } else {
                node.setAttribute(name, attributes[name]);
            }
        });
        (children || []).forEach(function (child) {
            if (child !== null && child !== undefined) {
                node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
            }
        });
        return node;
    }

    function money(value) {
        if (value === null || value === undefined) {
            return "—";
        }
        return Number(value).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }

    // The account's currency (ISO code, read with the account): the panel's amounts are in it (session 34: a bare
    // "25,000.00" left a sales rep of a multi-currency organization guessing).
    function currencyCode() {
        var account = state.data && state.data.account;
        return account && account.transactioncurrencyid && account.transactioncurrencyid.isocurrencycode ? account.transactioncurrencyid.isocurrencycode : "";
    }

    // An amount in the account's currency, or in the given one (a record's own, session 35).
    function amount(value, code) {
        var text = money(value);
        var currency = code === undefined ? currencyCode() : code;
        return text === "—" || !currency ? text : currency + " " + text;
    }

    // A record's own currency (ISO code), expanded with it: TransactionCurrencyId on the solution's tables, transactioncurrencyid
    // on salesorder.
    function recordCurrency(row) {
        var currency = row && (row.TransactionCurrencyId || row.transactioncurrencyid);
        return currency && currency.isocurrencycode ? currency.isocurrencycode : "";
    }

    function titled(title) {
        return currencyCode() ? title + " (" + currencyCode() + ")" : title;
    }

    function number(value, digits) {
        return value === null || value === undefined ? "—" : Number(value).toFixed(digits);
    }

    function figure(name, label, value, text) {
        return [
            el("dt", { text: label }),
            el("dd", { "data-figure": name, "data-value": value === null || value === undefined ? "" : String(value), text: text })
        ];
    }

    function card(id, title, children) {
        return el("section", { "class": "cos-card", id: id, "aria-label": title }, [el("h2", { text: title })].concat(children));
    }

    function flat(lists) {
        return lists.reduce(function (all, list) { return all.concat(list); }, []);
    }

    function limitCard(account, resyncCount) {
        var utilization = account.cos_utilization;
        var level = utilization >= CRITICAL_UTILIZATION ? " cos-critical" : (utilization >= WARN_UTILIZATION ? " cos-warn" : "");
        var gauge = el("div", { "class": "cos-gauge", id: "utilization-gauge", role: "meter", "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": String(utilization || 0) }, [
            el("div", { "class": "cos-gauge-fill" + level, style: "width:" + Math.min(100, utilization || 0) + "%" }),
            el("div", { "class": "cos-gauge-marker", "data-marker": String(WARN_UTILIZATION), style: "left:" + WARN_UTILIZATION + "%" }, [el("span", { text: WARN_UTILIZATION + "%" })]),
            el("div", { "class": "cos-gauge-marker", "data-marker": String(CRITICAL_UTILIZATION), style: "left:" + CRITICAL_UTILIZATION + "%" }, [el("span", { text: CRITICAL_UTILIZATION + "%" })])
        ]);
        var flags = [];
        if (account.cos_issuspended) {
            flags.push(el("span", { "class": "cos-tag", "data-flag": "suspended", text: "Suspended" }));
        }
        if (account.cos_isstarterterms) {
            flags.push(el("span", { "class": "cos-tag", "data-flag": "starter", text: "Starter terms" }));
        }
        if (resyncCount > 0) {
            // The exposure and overdue figures include these invoices' amounts, which may be an older ERP version's.
            flags.push(el("span", { "class": "cos-tag cos-tag-warn", id: "erp-resync", "data-flag": "erp-resync", "data-count": String(resyncCount),
                title: "The ERP's messages for these invoices were applied out of order: their figures may be an older version's until the ERP re-sends them. See the view Invoices needing ERP re-sync.",
                text: resyncCount + (resyncCount === 1 ? " invoice needs" : " invoices need") + " an ERP re-sync" }));
        }
        // Counted today from the stored due date (the account keeps the date, which does not change every night); an
        // account not rescored since that change still has only the old day count.
        var oldestOverdue = account.cos_oldestoverduesince ? daysPastDue(account.cos_oldestoverduesince) : account.cos_oldestoverduedays;
        return card("limit", "Limit and exposure", [
            el("dl", { "class": "cos-figures" }, flat([
                figure("limit", "Credit limit", account.creditlimit, amount(account.creditlimit)),
                figure("exposure", "Exposure", account.cos_exposure, amount(account.cos_exposure)),
                figure("available", "Available", account.cos_availablecredit, amount(account.cos_availablecredit)),
                figure("utilization", "Utilization", utilization, number(utilization, 1) + " %"),
                figure("overdue", "Overdue", account.cos_overdueamount, amount(account.cos_overdueamount)),
                figure("oldestOverdueDays", "Oldest overdue (days)", oldestOverdue, number(oldestOverdue, 0))
            ])),
            gauge
        ].concat(flags));
    }

    function trendSvg(history) {
        var svgNs = "http://www.w3.org/2000/svg";
        var svg = document.createElementNS(svgNs, "svg");
        svg.setAttribute("class", "cos-trend");
        svg.setAttribute("viewBox", "0 0 300 90");
        svg.setAttribute("preserveAspectRatio", "none");
        svg.setAttribute("data-points", String(history.length));
        ["cos_valuescore", "cos_riskscore"].forEach(function (column) {
            var points = history.map(function (entry, index) {
                var x = history.length === 1 ? 150 : (index * 300) / (history.length - 1);
                var y = 88 - ((entry[column] || 0) / 100) * 86;
                return x.toFixed(1) + "," + y.toFixed(1);
            });
            var line = document.createElementNS(svgNs, "polyline");
            line.setAttribute("class", column === "cos_valuescore" ? "cos-value" : "cos-risk");
            line.setAttribute("points", points.join(" "));
            svg.appendChild(line);
        });
        return svg;
    }

    function scoreCard(account, history) {
        var reasons = (account.cos_topreasons || "").split(/\r?\n/).filter(function (reason) { return reason.trim().length > 0; });
        return card("scores", "Value and risk", [
            el("dl", { "class": "cos-figures" }, flat([
                // Whole points: a stored score is rewritten when it moves by the material change (one point by default),
                // so a decimal would claim a precision the stored figure does not keep; tier and risk level are always current.
                figure("valueScore", "Value score", account.cos_valuescore, number(account.cos_valuescore, 0)),
                figure("riskScore", "Risk score", account.cos_riskscore, number(account.cos_riskscore, 0)),
                figure("riskLevel", "Risk level", account.cos_risklevel, RISK_LEVELS[account.cos_risklevel] || "—")
            ])),
            el("div", { "class": "cos-legend" }, [el("span", { "class": "cos-value", text: "— Value" }), el("span", { "class": "cos-risk", text: "— Risk" }), el("span", { "class": "cos-muted", text: history.length + " scorings" })]),
            history.length > 0 ? trendSvg(history) : el("p", { "class": "cos-muted", text: "Not scored yet." }),
            el("ol", { "class": "cos-reasons", id: "top-reasons" }, reasons.map(function (reason) { return el("li", { text: reason }); }))
        ]);
    }

    function agingCard(openItems) {
        var totals = aging(openItems);
        var largest = Math.max.apply(null, BUCKETS.map(function (bucket) { return totals[bucket.key]; }).concat([1]));
        var rows = BUCKETS.map(function (bucket) {
            var filter = el("button", { "class": "cos-link", type: "button", "data-bucket-filter": bucket.key, text: bucket.label });
            filter.addEventListener("click", function () {
                state.filterBucket = state.filterBucket === bucket.key ? null : bucket.key;
                renderItems();
            });
            return el("tr", { "data-bucket": bucket.key }, [
                el("td", {}, [filter]),
                el("td", { "class": "cos-num", "data-value": String(totals[bucket.key]), text: money(totals[bucket.key]) }),
                el("td", {}, [el("span", { "class": "cos-bucket-bar" + (bucket.key === "current" ? "" : " cos-overdue"), style: "width:" + Math.round((totals[bucket.key] / largest) * 100) + "px" })])
            ]);
        });
        var base = state.data.baseCurrency;
        var aged = card("aging", "Aging (" + base + ")", [el("table", { "class": "cos-table" }, [el("tbody", {}, rows)])]);
        aged.setAttribute("data-currency", base);
        aged.setAttribute("title", "Open amounts in the organization's base currency, " + base + ": invoices in other currencies at their exchange rate.");
        return aged;
    }

    function itemsCard() {
        // Each item in its own currency (session 35): no total, so no currency of its own in the title.
        return card("items", "Open and past-due items", [el("div", { id: "items-list" })]);
    }

    function renderItems() {
        var container = document.getElementById("items-list");
        var openItems = state.data.items.filter(function (item) { return state.filterBucket === null || item.bucket === state.filterBucket; });
        container.textContent = "";
        container.setAttribute("data-filter", state.filterBucket || "all");
        if (state.filterBucket !== null) {
            var all = el("button", { "class": "cos-link", type: "button", id: "items-show-all", text: "Show all items" });
            all.addEventListener("click", function () { state.filterBucket = null; renderItems(); });
            container.appendChild(all);
        }
        if (openItems.length === 0) {
            container.appendChild(el("p", { "class": "cos-muted", text: "No open items." }));
            return;
        }
        container.appendChild(el("table", { "class": "cos-table" }, [
            el("thead", {}, [el("tr", {}, [el("th", { text: "Invoice" }), el("th", { text: "Due" }), el("th", { "class": "cos-num", text: "Days past due" }), el("th", { "class": "cos-num", text: "Open" }), el("th", { text: "" })])]),
            el("tbody", {}, openItems.map(function (item) {
                return el("tr", { "data-invoice": item.invoice, "data-days-past-due": String(item.daysPastDue), "data-bucket": item.bucket, "data-disputed": String(item.disputed), "data-resync": String(item.resync) }, [
                    el("td", { text: item.invoice }),
                    el("td", { text: item.dueDate ? String(item.dueDate).substring(0, 10) : "—" }),
                    el("td", { "class": "cos-num", text: String(item.daysPastDue) }),
                    el("td", { "class": "cos-num", "data-amount": "open", text: amount(item.open, item.currency) }),
                    el("td", {}, [
                        item.disputed ? el("span", { "class": "cos-tag", text: "Disputed" }) : null,
                        item.resync ? el("span", { "class": "cos-tag cos-tag-warn", text: "ERP re-sync" }) : null
                    ])
                ]);
            }))
        ]));
    }

    function promisesCard(promises) {
        var summary = promiseSummary(promises);
        return card("promises", titled("Promises to pay this fiscal year"), [
            el("table", { "class": "cos-table" }, [el("tbody", {}, ["open", "kept", "broken"].map(function (status) {
                return el("tr", { "data-promises": status, "data-count": String(summary[status].count), "data-amount": String(summary[status].amount) }, [
                    el("td", { text: status.charAt(0).toUpperCase() + status.slice(1) }),
                    el("td", { "class": "cos-num", text: String(summary[status].count) }),
                    el("td", { "class": "cos-num", text: money(summary[status].amount) })
                ]);
            }))])
        ]);
    }

    // A bureau figure and how it moved since the previous report: numbers by their difference, the rest by what they were.
    // options: categorical (never subtracted), difference (formats a difference; format by default), previousFormat (formats
    // the previous value on its own: an amount in another currency, shown as it was and not subtracted).
    function change(name, label, latest, previous, format, options) {
        var settings = options || {};
        var text = format(latest);
        var delta = null;
        var changed = settings.previousFormat ? settings.previousFormat(previous) !== text : latest !== previous;
        if (previous !== undefined && previous !== null && latest !== null && latest !== undefined && changed) {
            delta = !settings.categorical && !settings.previousFormat && typeof latest === "number" && typeof previous === "number"
                ? el("span", { "class": latest > previous ? "cos-change-up" : "cos-change-down", "data-change": name, text: " (" + (latest > previous ? "+" : "") + (settings.difference || format)(latest - previous) + ")" })
                : el("span", { "class": "cos-change-down", "data-change": name, text: " (was " + (settings.previousFormat || format)(previous) + ")" });
        }
        return [el("dt", { text: label }), el("dd", { "data-figure": "bureau." + name, "data-value": latest === null || latest === undefined ? "" : String(latest) }, [text, delta])];
    }

    function bureauCard(reports) {
        if (reports.length === 0) {
            return card("bureau", "Credit bureau", [el("p", { "class": "cos-muted", text: "No bureau report." })]);
        }
        var latest = reports[0];
        var previous = reports[1] || {};
        var rating = function (value) { return RATINGS[value] || "—"; };
        var yesNo = function (value) { return value ? "Yes" : "No"; };
        var plain = function (value) { return value === null || value === undefined ? "—" : String(value); };
        // The recommended credit is in the bureau report's own currency (not necessarily the account's); reports in two
        // currencies are not subtracted: the older one's figure is shown as it was.
        var latestCurrency = recordCurrency(latest);
        var previousCurrency = reports[1] ? recordCurrency(previous) : latestCurrency;
        var inLatestCurrency = function (value) { return amount(value, latestCurrency); };
        var inPreviousCurrency = previousCurrency === latestCurrency ? undefined : function (value) { return amount(value, previousCurrency); };
        return card("bureau", "Credit bureau", [
            el("p", { "class": "cos-muted", text: (latest.cos_bureau || "Bureau") + ", report of " + String(latest.cos_reportdate || "").substring(0, 10) + (reports[1] ? "; changes since " + String(previous.cos_reportdate || "").substring(0, 10) : "; first report") }),
            el("dl", { "class": "cos-figures" }, flat([
                change("solvency", "Solvency score", latest.cos_solvencyscore, previous.cos_solvencyscore, plain),
                change("rating", "Rating", latest.cos_rating, previous.cos_rating, rating, { categorical: true }),
                change("recommendedCredit", "Recommended credit", latest.cos_recommendedcredit, previous.cos_recommendedcredit, inLatestCurrency, { difference: money, previousFormat: inPreviousCurrency }),
                change("dbt", "Days beyond terms", latest.cos_dbtscore, previous.cos_dbtscore, plain),
                change("judgment", "Judgment", latest.cos_hasjudgment === true, reports[1] ? previous.cos_hasjudgment === true : undefined, yesNo),
                change("lien", "Lien", latest.cos_haslien === true, reports[1] ? previous.cos_haslien === true : undefined, yesNo)
            ]))
        ]);
    }

    function ordersCard(orders, approvals) {
        return card("holds", "Held orders and approval requests", [
            orders.length === 0 ? el("p", { "class": "cos-muted", id: "held-orders", "data-count": "0", text: "No order is on credit hold or awaiting prepayment." }) :
                el("table", { "class": "cos-table", id: "held-orders", "data-count": String(orders.length) }, [el("tbody", {}, orders.reduce(function (rows, order) {
                    // The hold reason states the figures in a sentence: on a row of its own under the order, across the card's
                    // width, it reads as text instead of a column a few words wide.
                    return rows.concat([
                        el("tr", { "data-order": order.ordernumber || order.name, "data-credit-status": String(order.cos_creditstatus) }, [
                            el("td", { text: order.ordernumber || order.name }),
                            el("td", { text: HELD_ORDER_STATUSES[order.cos_creditstatus] || "" }),
                            el("td", { "class": "cos-num", "data-amount": "order", text: amount(order.totalamount, recordCurrency(order)) })
                        ]),
                        el("tr", { "class": "cos-hold-reason" }, [el("td", { "class": "cos-muted", colspan: "3", text: order.cos_holdreason || "" })])
                    ]);
                }, []))]),
            approvals.length === 0 ? el("p", { "class": "cos-muted", id: "open-approvals", "data-count": "0", text: "No open approval request." }) :
                el("table", { "class": "cos-table", id: "open-approvals", "data-count": String(approvals.length) }, [el("tbody", {}, approvals.map(function (request) {
                    return el("tr", { "data-request": request.cos_name }, [
                        el("td", { text: request.cos_name }),
                        el("td", { text: REQUEST_TYPES[request.cos_requesttype] || "" }),
                        el("td", { "class": "cos-num", "data-amount": "request", text: amount(request.cos_orderamount, recordCurrency(request)) }),
                        el("td", { text: APPROVAL_STATUSES[request.cos_approvalstatus] || "" })
                    ]);
                }))])
        ]);
    }

    function commandsCard(account) {
        var rescore = el("button", { "class": "cos-command", type: "button", id: "rescore", text: "Rescore" });
        rescore.addEventListener("click", function () {
            rescore.disabled = true;
            // The account form's Rescore command (cos_/scripts/account_rescore.js) with this panel as its form: one
            // implementation of the request; on success the panel reads the new picture.
            var panelForm = {
                data: {
                    entity: { getId: function () { return "{" + state.accountId + "}"; } },
                    refresh: function () { return refresh(); }
                }
            };
            window.Xrm = window.Xrm || xrm();
            Promise.resolve(creditOS.Account.rescore(panelForm)).then(function () { rescore.disabled = false; });
        });
        return card("commands", "Commands", [
            el("p", { "class": "cos-muted", text: account.cos_lastscoredon ? "Last scored " + String(account.cos_lastscoredon).substring(0, 16).replace("T", " ") + " UTC" : "Not scored yet." }),
            rescore
        ]);
    }

    function render(data) {
        var main = document.getElementById("panel");
        main.textContent = "";
        data.items = items(data.receivables);
        state.data = data;
        main.appendChild(limitCard(data.account, data.receivables.filter(needsResync).length));
        main.appendChild(scoreCard(data.account, data.history));
        main.appendChild(agingCard(data.items));
        main.appendChild(itemsCard());
        main.appendChild(promisesCard(data.promises));
        main.appendChild(bureauCard(data.bureau));
        main.appendChild(ordersCard(data.heldOrders, data.approvals));
        main.appendChild(commandsCard(data.account));
        renderItems();
        main.setAttribute("aria-busy", "false");
    }

    function showError(error) {
        var main = document.getElementById("panel");
        main.textContent = "";
        main.appendChild(el("p", { "class": "cos-status cos-error", id: "status", text: "The credit picture could not be read: " + (error && error.message ? error.message : String(error)) }));
        document.body.setAttribute("data-state", "error");
    }

    function refresh() {
        document.body.setAttribute("data-state", "loading");
        return load(state.accountId).then(function (data) {
            render(data);
            document.body.setAttribute("data-state", "ready");
        }, showError);
    }

    function start() {
        var params = parameters();
        state.requests = 0;
        return accountIdFor(params).then(function (accountId) {
            state.accountId = accountId;
            return refresh();
        }).catch(showError);
    }

    return {
        start: start,
        // How many Web API requests the panel made since it started (tests hold it to a fixed number).
        requestCount: function () { return state.requests; }
    };
}());
