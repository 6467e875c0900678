// creditOS configuration change page (session 22): build a proposed change (no id) or review and apply one (the change's
// id passed by its form). The server decides everything (the guard and the apply plug-in: who may propose and apply,
// values of the right type, the basis and conflicts); this page only shows the row as it is and writes the change.
var creditOS = creditOS || {};
creditOS.ConfigurationChange = (function () {
    "use strict";

    // The columns a change may set, by table, as the Dataverse side holds them (ConfigurationChanges.cs; the browser test
    // compares the two, and the server refuses any other column by name). Kinds: text, int, decimal, money, bool, choice,
    // lookup.
    var TABLES = {
        cos_creditpolicy: { label: "Credit policy", columns: [
            ["cos_name", "text"], ["cos_code", "text"], ["cos_description", "text"],
            ["cos_baselimit", "money"], ["cos_hardcap", "money"], ["cos_limitincreasereviewabove", "money"],
            ["cos_trustedmaxorderamount", "money"], ["cos_trustedmaxexcessoverlimit", "money"],
            ["cos_trustedoverduetolerance", "money"], ["cos_overduealertamount", "money"],
            ["cos_limitheadroom", "decimal"], ["cos_earlypaymentdiscount", "decimal"],
            ["cos_blockaboveutilization", "decimal"], ["cos_limitcutreviewshare", "decimal"],
            ["cos_alertthresholdwarning", "decimal"], ["cos_alertthresholdcritical", "decimal"],
            ["cos_ordertoinvoicedays", "int"], ["cos_paymenttermsdays", "int"],
            ["cos_earlypaymentdays", "int"], ["cos_gracedays", "int"],
            ["cos_requiresapproval", "bool"], ["cos_isprepay", "bool"], ["cos_limitstepdown", "bool"],
            ["cos_trustedchannel", "choice"], ["statecode", "choice"], ["statuscode", "choice"]] },
        cos_credittier: { label: "Credit tier", columns: [
            ["cos_name", "text"], ["cos_code", "text"], ["cos_description", "text"],
            ["cos_rank", "int"], ["cos_creditpolicyid", "lookup"],
            ["cos_isstarter", "bool"], ["cos_starterminimumorders", "int"],
            ["cos_starterminimummonths", "int"], ["cos_starterrequireboth", "bool"],
            ["statecode", "choice"], ["statuscode", "choice"]] },
        cos_tiermatrixcell: { label: "Tier matrix cell", columns: [
            ["cos_name", "text"], ["cos_scoringrulesetid", "lookup"],
            ["cos_valuefrom", "decimal"], ["cos_valueto", "decimal"], ["cos_riskfrom", "decimal"], ["cos_riskto", "decimal"],
            ["cos_credittierid", "lookup"], ["statecode", "choice"], ["statuscode", "choice"]] },
        cos_approvalrouting: { label: "Approval route", columns: [
            ["cos_name", "text"], ["cos_customergroup", "choice"], ["cos_queueid", "lookup"], ["cos_escalationqueueid", "lookup"],
            ["cos_commentrequiredabove", "money"], ["cos_dueinhours", "int"], ["cos_temporarylimitmaxdays", "int"],
            ["statecode", "choice"], ["statuscode", "choice"]] },
        cos_approvalauthority: { label: "Approval authority", columns: [
            ["cos_name", "text"], ["cos_teamid", "lookup"], ["cos_userid", "lookup"], ["cos_maximumamount", "decimal"],
            ["statecode", "choice"], ["statuscode", "choice"]] }
    };

    var CHANGE = "cos_configurationchange";

    function api() {
        var xrm = window.Xrm || (window.parent && window.parent.Xrm);
        if (!xrm) {
            throw new Error("The configuration change page runs inside the app: the Client API (parent.Xrm) is not available.");
        }
        return xrm;
    }

    function $(id) { return document.getElementById(id); }

    function text(value) { return String(value).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c]; }); }

    function bare(id) { return id ? id.replace(/[{}]/g, "").toLowerCase() : null; }

    // A column's value as the change text and its basis write it (ConfigurationChanges.Canonical): numbers invariant with
    // at least two decimals, yes/no, a choice's number, a row id; null for none.
    function canonical(row, column, kind) {
        var value = kind === "lookup" ? row["_" + column + "_value"] : row[column];
        if (value === null || value === undefined || value === "") { return null; }
        switch (kind) {
            case "money":
            case "decimal":
                var plain = String(value);
                return (plain.split(".")[1] || "").length >= 2 ? plain : Number(value).toFixed(2);
            case "bool": return value ? "yes" : "no";
            case "lookup": return String(value).toLowerCase();
            case "text":
                var one = String(value).replace(/\r\n/g, "\n").replace(/\n/g, "\\n").trim();
                return one === "" ? null : one;
            default: return String(value);
        }
    }

    function parseLines(textValue) {
        var result = {};
        (textValue || "").split("\n").forEach(function (line) {
            line = line.trim();
            var equals = line.indexOf("=");
            if (line === "" || line.charAt(0) === "#" || equals <= 0) { return; }
            var value = line.substring(equals + 1).trim();
            result[line.substring(0, equals).trim().toLowerCase()] = value === "" ? null : value;
        });
        return result;
    }

    function shown(value) { return value === null || value === undefined ? "(none)" : value; }

    function say(message, kind) {
        var box = $("message");
        box.textContent = message;
        box.className = kind ? "cos-" + kind : "";
    }

    function failed(error) {
        say(error && error.message ? error.message : String(error), "error");
        document.body.setAttribute("data-state", "error");
    }

    function showPending(table, rowId, exceptId) {
        if (!rowId) { $("pending-block").hidden = true; return Promise.resolve(); }
        var filter = "cos_configurationrowid eq '" + rowId + "' and statecode eq 0";
        return api().WebApi.retrieveMultipleRecords(CHANGE, "?$select=cos_name,cos_changes,cos_configurationtable,cos_deleterow&$filter=" + filter)
            .then(function (result) {
                var others = result.entities.filter(function (change) {
                    return change.cos_configurationtable === table && bare(change.cos_configurationchangeid) !== exceptId;
                });
                $("pending").innerHTML = others.map(function (change) {
                    return "<li>" + text(change.cos_deleterow ? "delete the row" : (change.cos_changes || "").replace(/\n/g, "; ")) + "</li>";
                }).join("");
                $("pending-block").hidden = others.length === 0;
            });
    }

    // ---- Building a change (no id) ----

    var current = null;

    function editorLines() {
        if ($("deleterow").checked) { return ""; }
        var table = TABLES[$("table").value];
        var lines = [];
        table.columns.forEach(function (column) {
            var input = $("proposed-" + column[0]);
            var proposed = input ? input.value.trim() : "";
            var now = current ? canonical(current, column[0], column[1]) : null;
            var row = input && input.closest("tr");
            var changed = proposed !== "" && proposed !== now;
            if (row) { row.className = changed ? "cos-changed" : ""; }
            if (changed) { lines.push(column[0] + " = " + proposed); }
        });
        return lines.join("\n");
    }

    function refreshPreview() {
        $("preview").textContent = $("deleterow").checked ? "(delete the row)" : (editorLines() || "(nothing changed yet)");
    }

    function renderColumns() {
        var table = TABLES[$("table").value];
        $("columns").querySelector("tbody").innerHTML = table.columns.map(function (column) {
            var now = current ? canonical(current, column[0], column[1]) : null;
            return "<tr data-column=\"" + column[0] + "\"><td>" + column[0] + "</td><td class=\"cos-now\">" + text(shown(now))
                + "</td><td><input class=\"cos-proposed\" id=\"proposed-" + column[0] + "\" placeholder=\"" + text(now === null ? "" : now) + "\"></td></tr>";
        }).join("");
        refreshPreview();
    }

    function loadRow() {
        var table = $("table").value, rowId = $("row").value;
        current = null;
        document.body.removeAttribute("data-row");
        $("deleterow").disabled = !rowId;
        if (!rowId) { $("deleterow").checked = false; renderColumns(); return showPending(table, null); }
        return api().WebApi.retrieveRecord(table, rowId).then(function (row) {
            current = row;
            renderColumns();
            return showPending(table, rowId, null);
        }).then(function () {
            if ($("row").value === rowId) { document.body.setAttribute("data-row", rowId); }
        });
    }

    function loadRows() {
        var table = $("table").value;
        document.body.removeAttribute("data-table");
        document.body.removeAttribute("data-row");
        return api().WebApi.retrieveMultipleRecords(table, "?$select=cos_name").then(function (result) {
            if ($("table").value !== table) { return null; } // another table was chosen meanwhile: its rows are coming
            var primary = table + "id";
            var rows = result.entities.slice().sort(function (a, b) { return String(a.cos_name).localeCompare(String(b.cos_name)); });
            $("row").innerHTML = "<option value=\"\">(a new row)</option>" + rows.map(function (row) {
                return "<option value=\"" + bare(row[primary]) + "\">" + text(row.cos_name || row[primary]) + "</option>";
            }).join("");
            document.body.setAttribute("data-table", table);
            return loadRow();
        });
    }

    function propose() {
        var table = $("table").value, rowId = $("row").value, lines = editorLines();
        var data = { cos_configurationtable: table, cos_configurationrowid: rowId || null, cos_changes: lines || null, cos_deleterow: $("deleterow").checked };
        if (!data.cos_deleterow && !lines) { say("Type a proposed value for at least one column, or tick 'Delete this row'.", "error"); return Promise.resolve(); }
        document.body.setAttribute("data-state", "saving");
        return api().WebApi.createRecord(CHANGE, data).then(function (created) {
            document.body.setAttribute("data-change-id", created.id);
            say("Proposed. Another Credit Administrator who made no part of it reviews and applies it (Configuration changes).", "ok");
            document.body.setAttribute("data-state", "proposed");
        }, failed);
    }

    function startEditor() {
        $("title").textContent = "Propose a configuration change";
        $("table").innerHTML = Object.keys(TABLES).map(function (name) { return "<option value=\"" + name + "\">" + TABLES[name].label + "</option>"; }).join("");
        $("table").addEventListener("change", function () { loadRows().catch(failed); });
        $("row").addEventListener("change", function () { loadRow().then(function () { document.body.setAttribute("data-state", "ready"); }, failed); });
        $("columns").addEventListener("input", refreshPreview);
        $("deleterow").addEventListener("change", refreshPreview);
        $("propose").addEventListener("click", function () { propose(); });
        $("editor").hidden = false;
        return loadRows();
    }

    // ---- Reviewing and applying a change (its id) ----

    function startReview(changeId) {
        return api().WebApi.retrieveRecord(CHANGE, changeId,
            "?$select=cos_name,cos_configurationtable,cos_configurationrowid,cos_changes,cos_basis,cos_deleterow,statecode").then(function (change) {
            var table = TABLES[change.cos_configurationtable];
            if (!table) { throw new Error("The change names table '" + change.cos_configurationtable + "', which a configuration change does not change."); }
            var rowId = bare(change.cos_configurationrowid);
            var read = rowId
                ? api().WebApi.retrieveRecord(change.cos_configurationtable, rowId).then(null, function () { return null; })
                : Promise.resolve(null);
            return read.then(function (row) {
                renderReview(change, table, rowId, row);
                $("review").hidden = false;
                return showPending(change.cos_configurationtable, rowId, changeId);
            });
        });
    }

    function renderReview(change, table, rowId, row) {
        var basis = parseLines(change.cos_basis), proposed = parseLines(change.cos_changes), conflicts = 0;
        var kinds = {};
        table.columns.forEach(function (column) { kinds[column[0]] = column[1]; });
        var columns = change.cos_deleterow ? Object.keys(basis) : Object.keys(proposed);
        $("title").textContent = change.cos_name || "Configuration change";
        $("comparison").querySelector("tbody").innerHTML = columns.map(function (column) {
            var now = row ? canonical(row, column, kinds[column] || "text") : null;
            var against = rowId ? (column in basis ? basis[column] : undefined) : null;
            var conflict = rowId && row && against !== undefined && against !== now;
            if (conflict) { conflicts++; }
            return "<tr data-column=\"" + column + "\"" + (conflict ? " class=\"cos-conflict\"" : "") + "><td>" + column + "</td><td>"
                + text(rowId ? (against === undefined ? "(not recorded)" : shown(against)) : "(a new row)") + "</td><td>" + text(row ? shown(now) : (rowId ? "(row gone)" : "–"))
                + "</td><td>" + text(change.cos_deleterow ? "(deleted)" : shown(proposed[column])) + "</td></tr>";
        }).join("");
        var applied = change.statecode === 1;
        $("summary").textContent = applied
            ? "Applied: this change is a record of what was put in force."
            : !rowId ? table.label + ": a new row."
            : !row ? "The row no longer exists: applying is refused; withdraw the change."
            : conflicts > 0 ? conflicts + " column(s) changed since the change was proposed: applying is refused until it is saved again against the row as it is now."
            : "The row is as the change was proposed against.";
        document.body.setAttribute("data-conflicts", String(conflicts));
        $("apply").hidden = applied;
    }

    function apply(changeId) {
        document.body.setAttribute("data-state", "saving");
        return api().WebApi.updateRecord(CHANGE, changeId, { statecode: 1, statuscode: 2 }).then(function () {
            say("Applied: the row is changed and the change recorded in Configuration activations.", "ok");
            $("apply").hidden = true;
            document.body.setAttribute("data-state", "applied");
        }, failed);
    }

    function start() {
        var query = new URLSearchParams(window.location.search), changeId = bare(query.get("id") || query.get("data"));
        var work;
        try {
            if (changeId) {
                $("apply").addEventListener("click", function () { apply(changeId); });
                work = startReview(changeId);
            } else {
                work = startEditor();
            }
        } catch (error) {
            work = Promise.reject(error);
        }
        return work.then(function () { document.body.setAttribute("data-state", "ready"); }, failed);
    }

    document.addEventListener("DOMContentLoaded", start);
    return { tables: TABLES, canonical: canonical };
}());
