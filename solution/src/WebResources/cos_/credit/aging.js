// creditOS "Aging" (cos_/credit/aging.html) on the Credit management dashboard: open receivables of active customers
// by days past due (current, 1–30, 31–60, 61–90, over 90) per risk level, drawn as stacked columns. Computed today,
// where it is shown: one aggregate FetchXML query per due-date range (the sum of the open amounts grouped by the
// customer's risk level), five requests whatever the book's size. The accounts no longer store aging buckets: they
// moved with the calendar alone, so the nightly rescoring rewrote every account with an unpaid invoice as it aged
// (issue 15, session 16). Each query counts against Dataverse's 50,000-row aggregate limit on its own range.
var creditOS = creditOS || {};

creditOS.AgingChart = (function () {
    "use strict";

    var DAY_MS = 24 * 60 * 60 * 1000;
    var RISK_LEVELS = { 412500000: "Low", 412500001: "Medium", 412500002: "High", 412500003: "Severe" };
    var PALETTE = ["#0078d4", "#d13438", "#c19c00", "#107c10", "#8764b8"];
    // Days past due = today − due date, as the credit engine's AgingBalance and the credit panel count them; a
    // receivable without a due date is current. "from"/"to" are days past due, both inclusive.
    var BUCKETS = [
        { measure: "current", label: "Current", from: null, to: 0 },
        { measure: "d30", label: "1–30 days", from: 1, to: 30 },
        { measure: "d60", label: "31–60 days", from: 31, to: 60 },
        { measure: "d90", label: "61–90 days", from: 61, to: 90 },
        { measure: "over90", label: "Over 90 days", from: 91, to: null }
    ];
    var state = { requests: 0 };

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
            '<attribute name="cos_openamount" alias="' + bucket.measure + '" aggregate="sum" />' +
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

    function chart(rows) {
        var width = 560, height = 260, margin = 48;
        var plotWidth = width - margin - 8, plotHeight = height - margin;
        var max = Math.max.apply(null, rows.map(function (row) {
            return BUCKETS.reduce(function (sum, bucket) { return sum + Math.max(0, row.values[bucket.measure]); }, 0);
        }).concat([1]));
        var slot = plotWidth / rows.length;
        var svg = svgEl("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img" });
        rows.forEach(function (row, i) {
            var x = margin + slot * i;
            var baseline = 8 + plotHeight;
            BUCKETS.forEach(function (bucket, s) {
                var h = Math.max(0, row.values[bucket.measure]) / max * plotHeight;
                svg.appendChild(svgEl("rect", { x: (x + slot * 0.15).toFixed(1), y: (baseline - h).toFixed(1), width: (slot * 0.7).toFixed(1), height: h.toFixed(1), fill: PALETTE[s] }));
                baseline -= h;
            });
            svg.appendChild(svgEl("text", { x: (x + slot / 2).toFixed(1), y: height - 24, "font-size": "10", "text-anchor": "middle" }, row.label));
        });
        return svg;
    }

    function render(rows) {
        var main = document.getElementById("aging");
        var section = el("section", { "data-chart": "Aging", "data-source": "cos_receivable" });
        section.appendChild(el("h2", {}, "Aging"));
        if (rows.length === 0) {
            section.appendChild(el("p", { "class": "empty" }, "No open receivables."));
        } else {
            section.appendChild(chart(rows));
        }
        var legend = el("div", { "class": "legend" });
        BUCKETS.forEach(function (bucket, s) {
            var swatch = el("span");
            swatch.appendChild(el("i", { style: "background:" + PALETTE[s] }));
            swatch.appendChild(document.createTextNode(bucket.label));
            legend.appendChild(swatch);
        });
        section.appendChild(legend);
        var figures = el("table");
        rows.forEach(function (row) {
            BUCKETS.forEach(function (bucket) {
                var tr = el("tr", { "data-category": row.label, "data-measure": bucket.measure, "data-value": String(row.values[bucket.measure]) });
                tr.appendChild(el("td", {}, row.label));
                tr.appendChild(el("td", {}, bucket.measure));
                tr.appendChild(el("td", {}, String(row.values[bucket.measure])));
                figures.appendChild(tr);
            });
        });
        section.appendChild(figures);
        main.appendChild(section);
    }

    function start() {
        Promise.all(BUCKETS.map(query))
            .then(function (results) {
                render(table(results));
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
