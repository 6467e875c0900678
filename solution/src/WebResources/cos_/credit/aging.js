// creditOS "Aging" (cos_/credit/aging.html) on the Credit management dashboard: open receivables of active customers
// by days past due (current, 1–30, 31–60, 61–90, over 90) per risk level, drawn as stacked columns per bucket. Computed today,
// where it is shown: one aggregate FetchXML query per due-date range (the sum of the open amounts grouped by the
// customer's risk level), five requests whatever the book's size. The accounts no longer store aging buckets: they
// moved with the calendar alone, so the nightly rescoring rewrote every account with an unpaid invoice as it aged
// (issue 15, session 16). Each query counts against Dataverse's 50,000-row aggregate limit on its own range.
// Session 35: the amounts are the open amounts in the organization's base currency (cos_openamount_base: an invoice in
// another currency at its exchange rate; summing cos_openamount added euros to dollars), labelled with its ISO code (one
// more request: organizationSettings.baseCurrency gives its id and name only). The columns are the buckets, each with its
// amount on top and stacked by risk level, over a value axis; the svg's title and description and a visually hidden table
// of every figure are the text alternative.
var creditOS = creditOS || {};

creditOS.AgingChart = (function () {
    "use strict";

    var DAY_MS = 24 * 60 * 60 * 1000;
    var RISK_LEVELS = { 412500000: "Low", 412500001: "Medium", 412500002: "High", 412500003: "Severe" };
    var RISK_COLOURS = { Low: "#107c10", Medium: "#c19c00", High: "#ca5010", Severe: "#a4262c" };
    // Days past due = today − due date, as the credit engine's AgingBalance and the credit panel count them; a
    // receivable without a due date is current. "from"/"to" are days past due, both inclusive.
    var BUCKETS = [
        { measure: "current", label: "Current", from: null, to: 0 },
        { measure: "d30", label: "1–30 days", from: 1, to: 30 },
        { measure: "d60", label: "31–60 days", from: 31, to: 60 },
        { measure: "d90", label: "61–90 days", from: 61, to: 90 },
        { measure: "over90", label: "Over 90 days", from: 91, to: null }
    ];
    var state = { requests: 0, currency: "" };

    function xrm() {
        var api = window.Xrm || (window.parent && window.parent.Xrm);
        if (!api) {
            throw new Error("The Aging chart runs on a dashboard: the Client API (parent.Xrm) is not available.");
        }
        return api;
    }

    function today() {
        var now = new Date();
        return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    }

    // The due date that is this many days past due today (yyyy-MM-dd).
    function dueDateFor(daysPastDue) {
        return new Date(today().getTime() - daysPastDue * DAY_MS).toISOString().substring(0, 10);
    }

    function rangeFilter(bucket) {
        var conditions = [];
        if (bucket.to !== null) {
            conditions.push('<condition attribute="cos_duedate" operator="on-or-after" value="' + dueDateFor(bucket.to) + '" />');
        }
        if (bucket.from !== null) {
            conditions.push('<condition attribute="cos_duedate" operator="on-or-before" value="' + dueDateFor(bucket.from) + '" />');
        }
        if (bucket.from === null) {
            // Current: not yet due, or no due date.
            return '<filter type="or">' + conditions.join("") + '<condition attribute="cos_duedate" operator="null" /></filter>';
        }
        return '<filter type="and">' + conditions.join("") + "</filter>";
    }

    function fetchXml(bucket) {
        return '<fetch aggregate="true"><entity name="cos_receivable">' +
            '<attribute name="cos_openamount_base" alias="' + bucket.measure + '" aggregate="sum" />' +
            '<filter type="and"><condition attribute="cos_openamount" operator="gt" value="0" />' + rangeFilter(bucket) + "</filter>" +
            '<link-entity name="account" from="accountid" to="cos_accountid" link-type="inner" alias="customer">' +
            '<attribute name="cos_risklevel" alias="risk" groupby="true" />' +
            '<filter type="and"><condition attribute="statecode" operator="eq" value="0" /></filter>' +
            "</link-entity></entity></fetch>";
    }

    function query(bucket) {
        state.requests++;
        return xrm().WebApi.retrieveMultipleRecords("cos_receivable", "?fetchXml=" + encodeURIComponent(fetchXml(bucket)))
            .then(function (result) { return { bucket: bucket, rows: result.entities }; });
    }

    // { risk label: { measure: amount } }, in risk order, (none) last; amounts to the cent.
    function table(results) {
        var byRisk = {};
        results.forEach(function (result) {
            result.rows.forEach(function (row) {
                var risk = row.risk === null || row.risk === undefined ? null : Number(row.risk);
                var key = risk === null ? "~" : String(risk);
                if (!byRisk[key]) {
                    byRisk[key] = { label: risk === null ? "(none)" : (RISK_LEVELS[risk] || String(risk)), values: {} };
                    BUCKETS.forEach(function (bucket) { byRisk[key].values[bucket.measure] = 0; });
                }
                byRisk[key].values[result.bucket.measure] = Math.round(Number(row[result.bucket.measure] || 0) * 100) / 100;
            });
        });
        return Object.keys(byRisk).sort().map(function (key) { return byRisk[key]; });
    }

    function el(tag, attributes, text) {
        var node = document.createElement(tag);
        Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
        if (text !== undefined) {
            node.textContent = text;
        }
        return node;
    }

    function svgEl(tag, attributes, text) {
        var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
        Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
        if (text !== undefined) {
            node.textContent = text;
        }
        return node;
    }

    function number(value, digits) {
        return Number(value).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    }

    // "USD 12,345.67", as the engine writes amounts (MoneyText); whole units on the bars and the axis, where space is short.
    function amount(value, digits) {
        return (state.currency ? state.currency + " " : "") + number(value, digits);
    }

    // A value axis ending on a round figure, four steps of a round size (1 to 8 times a power of ten).
    function axisMaximum(max) {
        var step = max / 4;
        var power = Math.pow(10, Math.floor(Math.log(step) / Math.LN10));
        var nice = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map(function (f) { return f * power; }).filter(function (f) { return f >= step; })[0];
        return nice * 4;
    }

    function bucketTotal(rows, bucket) {
        return Math.round(rows.reduce(function (sum, row) { return sum + Math.max(0, row.values[bucket.measure]); }, 0) * 100) / 100;
    }

    // Columns per bucket of days past due, oldest right, stacked by the customers' risk level, each with its amount on top;
    // a value axis in the portfolio currency. The svg's title and description are its text alternative; the table below it
    // holds every figure for screen readers.
    function chart(rows) {
        var width = 560, height = 250, left = 72, right = 8, top = 22, bottom = 34;
        var plotWidth = width - left - right, plotHeight = height - top - bottom;
        var totals = BUCKETS.map(function (bucket) { return bucketTotal(rows, bucket); });
        var max = axisMaximum(Math.max.apply(null, totals.concat([1])));
        var slot = plotWidth / BUCKETS.length;
        var baseline = top + plotHeight;
        var svg = svgEl("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img", "aria-labelledby": "aging-svg-title aging-svg-desc" });
        svg.appendChild(svgEl("title", { id: "aging-svg-title" }, "Aging of open receivables in " + (state.currency || "the base currency")));
        svg.appendChild(svgEl("desc", { id: "aging-svg-desc" }, BUCKETS.map(function (bucket, b) { return bucket.label + ": " + amount(totals[b], 2); }).join("; ") + "."));
        for (var tick = 0; tick <= 4; tick++) {
            var y = baseline - plotHeight * tick / 4;
            svg.appendChild(svgEl("line", { x1: left, x2: width - right, y1: y.toFixed(1), y2: y.toFixed(1), stroke: tick === 0 ? "#605e5c" : "#edebe9", "aria-hidden": "true" }));
            svg.appendChild(svgEl("text", { "class": "cos-tick", x: left - 6, y: (y + 4).toFixed(1), "font-size": "11", "text-anchor": "end", fill: "#323130", "aria-hidden": "true" }, number(max * tick / 4, 0)));
        }
        svg.appendChild(svgEl("text", { "class": "cos-axis-title", x: 12, y: (top + plotHeight / 2).toFixed(1), "font-size": "11", "text-anchor": "middle", fill: "#323130", transform: "rotate(-90 12 " + (top + plotHeight / 2).toFixed(1) + ")", "aria-hidden": "true" }, "Open amount (" + (state.currency || "base currency") + ")"));
        BUCKETS.forEach(function (bucket, b) {
            var x = left + slot * b;
            var bar = svgEl("g", { "data-bucket": bucket.measure, "data-total": String(totals[b]), "aria-hidden": "true" });
            var y = baseline;
            rows.forEach(function (row, r) {
                var h = Math.max(0, row.values[bucket.measure]) / max * plotHeight;
                if (h > 0) {
                    bar.appendChild(svgEl("rect", { x: (x + slot * 0.15).toFixed(1), y: (y - h).toFixed(1), width: (slot * 0.7).toFixed(1), height: h.toFixed(1), fill: colourOf(row, r) }));
                    y -= h;
                }
            });
            bar.appendChild(svgEl("text", { "class": "cos-bar-amount", x: (x + slot / 2).toFixed(1), y: (y - 5).toFixed(1), "font-size": "11", "font-weight": "600", "text-anchor": "middle", fill: "#323130" }, amount(totals[b], 0)));
            bar.appendChild(svgEl("text", { "class": "cos-bucket", x: (x + slot / 2).toFixed(1), y: (baseline + 16).toFixed(1), "font-size": "11", "text-anchor": "middle", fill: "#323130" }, bucket.label));
            svg.appendChild(bar);
        });
        return svg;
    }

    // Risk levels keep one colour whatever the portfolio holds; a customer without a risk level is grey.
    function colourOf(row) {
        return RISK_COLOURS[row.label] || "#8a8886";
    }

    // The figures as a table (risk levels × buckets, and the totals), read by screen readers; visually hidden.
    function figuresTable(rows) {
        var figures = el("table", { "class": "cos-visually-hidden", id: "aging-figures" });
        figures.appendChild(el("caption", {}, "Open receivables of active customers by days past due and risk level, in " + (state.currency || "the base currency")));
        var head = el("tr");
        head.appendChild(el("th", { scope: "col" }, "Risk level"));
        BUCKETS.forEach(function (bucket) { head.appendChild(el("th", { scope: "col" }, bucket.label)); });
        figures.appendChild(el("thead")).appendChild(head);
        var body = figures.appendChild(el("tbody"));
        rows.forEach(function (row) {
            var tr = el("tr");
            tr.appendChild(el("th", { scope: "row" }, row.label));
            BUCKETS.forEach(function (bucket) {
                tr.appendChild(el("td", { "data-category": row.label, "data-measure": bucket.measure, "data-value": String(row.values[bucket.measure]) }, amount(row.values[bucket.measure], 2)));
            });
            body.appendChild(tr);
        });
        var total = el("tr");
        total.appendChild(el("th", { scope: "row" }, "Total"));
        BUCKETS.forEach(function (bucket) { total.appendChild(el("td", { "data-total": bucket.measure }, amount(bucketTotal(rows, bucket), 2))); });
        body.appendChild(total);
        return figures;
    }

    function render(rows) {
        var main = document.getElementById("aging");
        var section = el("section", { "data-chart": "Aging", "data-source": "cos_receivable", "data-currency": state.currency });
        section.appendChild(el("h2", {}, "Aging"));
        section.appendChild(el("p", { "class": "cos-note", id: "aging-currency" }, "Open receivables by days past due, in " + (state.currency || "the base currency") + " (the organization's base currency: invoices in other currencies at their exchange rate)."));
        // The legend first: the dashboard's frame may be too short to show what comes under the chart.
        var legend = el("div", { "class": "legend", "aria-hidden": "true" });
        rows.forEach(function (row, r) {
            var swatch = el("span");
            swatch.appendChild(el("i", { style: "background:" + colourOf(row, r) }));
            swatch.appendChild(document.createTextNode(row.label === "(none)" ? "No risk level" : row.label + " risk"));
            legend.appendChild(swatch);
        });
        section.appendChild(legend);
        if (rows.length === 0) {
            section.appendChild(el("p", { "class": "empty" }, "No open receivables."));
        } else {
            section.appendChild(chart(rows));
        }
        section.appendChild(figuresTable(rows));
        main.appendChild(section);
    }

    // The portfolio currency: the organization's base currency (organizationSettings.baseCurrency), its ISO code read once.
    function baseCurrency() {
        var currency = xrm().Utility.getGlobalContext().organizationSettings.baseCurrency;
        state.requests++;
        return xrm().WebApi.retrieveRecord("transactioncurrency", bare(currency.id), "?$select=isocurrencycode").then(function (row) { return row.isocurrencycode; });
    }

    function bare(id) {
        return String(id || "").replace(/[{}]/g, "").toLowerCase();
    }

    function start() {
        Promise.all([baseCurrency()].concat(BUCKETS.map(query)))
            .then(function (results) {
                state.currency = results[0];
                render(table(results.slice(1)));
                document.body.setAttribute("data-state", "ready");
            })
            .catch(function (error) {
                document.getElementById("aging").appendChild(el("p", { "class": "error", role: "alert" }, "The aging could not be read: " + (error && error.message ? error.message : String(error))));
                document.body.setAttribute("data-state", "error");
            });
    }

    return {
        start: start,
        requestCount: function () { return state.requests; },
        fetchXml: fetchXml
    };
}());
