// creditOS configuration change page: build a proposed change (no id) or review and apply one (the change's id passed by its
// form). Session 22 built it on the change text's raw form; session 23 makes it speak to an administrator: tables and columns by
// their display names, choices and yes/no as dropdowns with their labels, lookups as a picker by the rows' primary names, numbers
// with the column's precision and range checked before proposing (messages state the figures), and the review in labels. The
// definitions come from the Web API's table definitions (definitions.js). The server decides everything (the guard and the apply
// plug-in: who may propose and apply, values of the right type, the basis and conflicts); the change text it stores is unchanged.
var creditOS = creditOS || {};
creditOS.ConfigurationChange = (function () {
    "use strict";

    // The columns a change may set, by table, as the Dataverse side holds them (ConfigurationChanges.cs; the browser test compares
    // the two, and the server refuses any other column by name). Their labels, kinds and limits come from the table definitions.
    var TABLES = {
        cos_creditpolicy: ["cos_name", "cos_code", "cos_description", "cos_baselimit", "cos_hardcap", "cos_limitincreasereviewabove",
            "cos_trustedmaxorderamount", "cos_trustedmaxexcessoverlimit", "cos_trustedoverduetolerance", "cos_trustedoverduetolerancedays", "cos_overduealertamount",
            "cos_overduetoleranceamount", "cos_overduetolerancepercent", "cos_overduetolerancedays",
            "cos_limitheadroom", "cos_earlypaymentdiscount", "cos_blockaboveutilization", "cos_limitcutreviewshare",
            "cos_alertthresholdwarning", "cos_alertthresholdcritical", "cos_ordertoinvoicedays", "cos_paymenttermsdays",
            "cos_earlypaymentdays", "cos_gracedays", "cos_requiresapproval", "cos_isprepay", "cos_limitstepdown",
            "cos_trustedchannel", "statecode", "statuscode"],
        cos_credittier: ["cos_name", "cos_code", "cos_description", "cos_rank", "cos_creditpolicyid", "cos_isstarter",
            "cos_starterminimumorders", "cos_starterminimummonths", "cos_starterrequireboth", "statecode", "statuscode"],
        cos_tiermatrixcell: ["cos_name", "cos_scoringrulesetid", "cos_valuefrom", "cos_valueto", "cos_riskfrom", "cos_riskto",
            "cos_credittierid", "statecode", "statuscode"],
        cos_approvalrouting: ["cos_name", "cos_customergroup", "cos_queueid", "cos_escalationqueueid", "cos_commentrequiredabove",
            "cos_dueinhours", "cos_temporarylimitmaxdays", "statecode", "statuscode"],
        cos_approvalauthority: ["cos_name", "cos_teamid", "cos_userid", "cos_maximumamount", "statecode", "statuscode"]
    };

    var CHANGE = "cos_configurationchange";
    var CLEAR = "(clear)";
    var defs = creditOS.Definitions;

    function api() {
        var xrm = window.Xrm || (window.parent && window.parent.Xrm);
        if (!xrm) { throw new Error("The configuration change page runs inside the app: the Client API (parent.Xrm) is not available."); }
        return xrm;
    }

    function $(id) { return document.getElementById(id); }

    function text(value) { return String(value).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c]; }); }

    function bare(id) { return id ? id.replace(/[{}]/g, "").toLowerCase() : null; }

    function parseLines(textValue) {
        var result = {}, order = [];
        (textValue || "").split("\n").forEach(function (line) {
            line = line.trim();
            var equals = line.indexOf("=");
            if (line === "" || line.charAt(0) === "#" || equals <= 0) { return; }
            var name = line.substring(0, equals).trim().toLowerCase(), value = line.substring(equals + 1).trim();
            if (!(name in result)) { order.push(name); }
            result[name] = value === "" ? null : value;
        });
        result.__order = order;
        return result;
    }

    function say(message, kind) {
        var box = $("message");
        box.textContent = message;
        box.className = kind ? "cos-" + kind : "";
    }

    function failed(error) {
        say(error && error.message ? error.message : String(error), "error");
        document.body.setAttribute("data-state", "error");
    }

    // The labels of the lookup columns' rows (id → primary name) and the row's currency precision, for showing values.
    function context(definition, row) {
        var names = {};
        var lookups = Object.keys(definition.columns).filter(function (name) { return definition.columns[name].kind === "lookup"; });
        var reads = lookups.map(function (name) {
            var column = definition.columns[name];
            return defs.lookupRows(column).then(function (rows) { column.rows = rows; rows.forEach(function (r) { names[r.value] = r.label; }); });
        });
        var currency = row && row._transactioncurrencyid_value
            ? api().WebApi.retrieveRecord("transactioncurrency", row._transactioncurrencyid_value, "?$select=currencyprecision,isocurrencycode")
                .then(function (found) { return found; }, function () { return null; })
            : Promise.resolve(null);
        return Promise.all(reads.concat([currency])).then(function (results) {
            var found = results[results.length - 1];
            return { names: names, precision: found ? found.currencyprecision : null, currency: found ? found.isocurrencycode : null };
        });
    }

    function shown(definition, name, value, facts) {
        return defs.display(definition.columns[name], value, facts.names, facts.precision);
    }

    function describeLines(definition, lines, facts) {
        var parsed = parseLines(lines);
        return parsed.__order.map(function (name) {
            var column = definition.columns[name];
            return (column ? column.label : name) + " = " + (parsed[name] === null ? "(cleared)" : shown(definition, name, parsed[name], facts));
        }).join("; ");
    }

    function showPending(definition, rowId, exceptId, facts) {
        if (!rowId) { $("pending-block").hidden = true; return Promise.resolve(); }
        var filter = "cos_configurationrowid eq '" + rowId + "' and statecode eq 0";
        return api().WebApi.retrieveMultipleRecords(CHANGE, "?$select=cos_name,cos_changes,cos_configurationtable,cos_deleterow&$filter=" + filter)
            .then(function (result) {
                var others = result.entities.filter(function (change) {
                    return change.cos_configurationtable === definition.logicalName && bare(change.cos_configurationchangeid) !== exceptId;
                });
                $("pending").innerHTML = others.map(function (change) {
                    return "<li>" + text(change.cos_deleterow ? "Delete the row" : describeLines(definition, change.cos_changes, facts)) + "</li>";
                }).join("");
                $("pending-block").hidden = others.length === 0;
            });
    }

    // ---- Building a change (no id) ----

    var editing = { definition: null, row: null, facts: { names: {}, precision: null } };

    // Each column's proposed value, checked: { lines, changes: [label: now → proposed], errors: [{ column, message }] }.
    function collect() {
        var definition = editing.definition, result = { lines: [], changes: [], errors: [] };
        if (!definition || $("deleterow").checked) { return result; }
        TABLES[definition.logicalName].forEach(function (name) {
            var column = definition.columns[name], control = $("proposed-" + name), error = $("error-" + name);
            var now = editing.row ? defs.canonical(editing.row, column) : null;
            var raw = control ? control.value : "";
            var parsed = raw === CLEAR ? { value: null, clear: true } : defs.parse(column, raw, editing.facts.precision);
            var changed = !parsed.error && (parsed.clear ? now !== null : parsed.value !== null && parsed.value !== now);
            control.setAttribute("aria-invalid", parsed.error ? "true" : "false");
            error.textContent = parsed.error || "";
            control.closest("tr").className = parsed.error ? "cos-invalid" : changed ? "cos-changed" : "";
            if (parsed.error) { result.errors.push({ column: name, message: parsed.error }); }
            if (changed) {
                result.lines.push(name + " = " + (parsed.value === null ? "" : parsed.value));
                result.changes.push(column.label + ": " + shown(definition, name, now, editing.facts) + " → "
                    + (parsed.value === null ? "(cleared)" : shown(definition, name, parsed.value, editing.facts)));
            }
        });
        return result;
    }

    function refreshPreview() {
        var collected = collect(), preview = $("preview");
        preview.setAttribute("data-changes", collected.lines.join("\n"));
        var items = $("deleterow").checked ? ["Delete the row"] : collected.changes;
        preview.innerHTML = items.length ? items.map(function (item) { return "<li>" + text(item) + "</li>"; }).join("") : "<li>(nothing changed yet)</li>";
        return collected;
    }

    function control(column, now, facts) {
        var id = "proposed-" + column.name, described = "hint-" + column.name + " error-" + column.name;
        var common = " id=\"" + id + "\" aria-describedby=\"" + described + "\" aria-invalid=\"false\"";
        if (column.kind === "bool" || column.kind === "choice" || column.kind === "lookup") {
            var choices = column.kind === "lookup" ? column.rows : column.options;
            var clearable = column.kind === "lookup" || column.type === "Picklist";
            return "<select" + common + "><option value=\"\">Keep: " + text(defs.display(column, now, facts.names, facts.precision)) + "</option>"
                + (clearable && now !== null ? "<option value=\"" + CLEAR + "\">" + CLEAR + "</option>" : "")
                + choices.map(function (choice) { return "<option value=\"" + text(choice.value) + "\">" + text(choice.label) + "</option>"; }).join("")
                + "</select>";
        }
        var mode = column.kind === "int" ? "numeric" : column.kind === "text" ? "text" : "decimal";
        // No maxlength attribute: a longer text is named with its length before proposing, not cut silently.
        return "<input type=\"text\" inputmode=\"" + mode + "\" autocomplete=\"off\"" + common + ">";
    }

    function renderColumns() {
        var definition = editing.definition, facts = editing.facts;
        $("columns").querySelector("tbody").innerHTML = TABLES[definition.logicalName].map(function (name) {
            var column = definition.columns[name], now = editing.row ? defs.canonical(editing.row, column) : null;
            return "<tr data-column=\"" + name + "\"><th scope=\"row\"><label for=\"proposed-" + name + "\">" + text(column.label) + "</label>"
                + "<span class=\"cos-logical\">" + name + "</span></th>"
                + "<td class=\"cos-now\" data-label=\"Now\">" + text(editing.row ? defs.display(column, now, facts.names, facts.precision) : "–") + "</td>"
                + "<td data-label=\"Proposed\">" + control(column, now, facts)
                + "<span class=\"cos-hint\" id=\"hint-" + name + "\">" + text(defs.hint(column, facts.precision)) + "</span>"
                + "<span class=\"cos-field-error\" id=\"error-" + name + "\" aria-live=\"polite\"></span></td></tr>";
        }).join("");
        refreshPreview();
    }

    function loadRow() {
        var definition = editing.definition, rowId = $("row").value;
        editing.row = null;
        document.body.removeAttribute("data-row");
        $("deleterow").disabled = !rowId;
        $("errors").hidden = true;
        var read = rowId ? api().WebApi.retrieveRecord(definition.logicalName, rowId) : Promise.resolve(null);
        return read.then(function (row) {
            editing.row = row;
            return context(definition, row);
        }).then(function (facts) {
            editing.facts = facts;
            if (!rowId) { $("deleterow").checked = false; }
            renderColumns();
            return showPending(definition, rowId, null, facts);
        }).then(function () {
            if ($("row").value === rowId) { document.body.setAttribute("data-row", rowId); }
        });
    }

    function loadRows() {
        var table = $("table").value;
        document.body.removeAttribute("data-table");
        document.body.removeAttribute("data-row");
        return defs.columns(table, TABLES[table]).then(function (definition) {
            return api().WebApi.retrieveMultipleRecords(table, "?$select=" + definition.primaryName).then(function (result) {
                if ($("table").value !== table) { return null; } // another table was chosen meanwhile: its rows are coming
                editing.definition = definition;
                var rows = result.entities.slice().sort(function (a, b) { return String(a[definition.primaryName]).localeCompare(String(b[definition.primaryName])); });
                $("row").innerHTML = "<option value=\"\">(a new " + text(definition.label.toLowerCase()) + ")</option>" + rows.map(function (row) {
                    return "<option value=\"" + bare(row[definition.primaryId]) + "\">" + text(row[definition.primaryName] || row[definition.primaryId]) + "</option>";
                }).join("");
                document.body.setAttribute("data-table", table);
                return loadRow();
            });
        });
    }

    function showErrors(errors) {
        var box = $("errors");
        box.querySelector("ul").innerHTML = errors.map(function (error) {
            return "<li><a href=\"#proposed-" + error.column + "\" data-column=\"" + error.column + "\">" + text(error.message) + "</a></li>";
        }).join("");
        box.hidden = errors.length === 0;
        if (errors.length) { box.focus(); }
    }

    function propose() {
        var collected = refreshPreview();
        var table = $("table").value, rowId = $("row").value, lines = collected.lines.join("\n");
        if (!$("deleterow").checked && collected.errors.length) {
            showErrors(collected.errors);
            say(collected.errors.length + " value(s) to correct before proposing.", "error");
            return Promise.resolve();
        }
        showErrors([]);
        var data = { cos_configurationtable: table, cos_configurationrowid: rowId || null, cos_changes: lines || null, cos_deleterow: $("deleterow").checked };
        if (!data.cos_deleterow && !lines) { say("Choose a proposed value for at least one column, or tick 'Delete this row'.", "error"); return Promise.resolve(); }
        document.body.setAttribute("data-state", "saving");
        return api().WebApi.createRecord(CHANGE, data).then(function (created) {
            document.body.setAttribute("data-change-id", created.id);
            say("Proposed. Another Credit Administrator who made no part of it reviews and applies it (Configuration changes).", "ok");
            document.body.setAttribute("data-state", "proposed");
        }, failed);
    }

    function startEditor() {
        $("title").textContent = "Propose a configuration change";
        var names = Object.keys(TABLES);
        return Promise.all(names.map(function (name) { return defs.table(name); })).then(function (found) {
            $("table").innerHTML = found.map(function (definition) {
                return "<option value=\"" + definition.logicalName + "\">" + text(definition.label) + "</option>";
            }).join("");
            $("table").addEventListener("change", function () { loadRows().catch(failed); });
            $("row").addEventListener("change", function () { loadRow().then(function () { document.body.setAttribute("data-state", "ready"); }, failed); });
            $("columns").addEventListener("input", refreshPreview);
            $("columns").addEventListener("change", refreshPreview);
            $("deleterow").addEventListener("change", refreshPreview);
            $("errors").addEventListener("click", function (event) {
                var link = event.target.closest("a[data-column]");
                if (link) { event.preventDefault(); $("proposed-" + link.getAttribute("data-column")).focus(); }
            });
            $("propose").addEventListener("click", function () { propose(); });
            $("editor").hidden = false;
            return loadRows();
        });
    }

    // ---- Reviewing and applying a change (its id) ----

    function startReview(changeId) {
        return api().WebApi.retrieveRecord(CHANGE, changeId,
            "?$select=cos_name,cos_configurationtable,cos_configurationrowid,cos_changes,cos_basis,cos_deleterow,statecode").then(function (change) {
            var columns = TABLES[change.cos_configurationtable];
            if (!columns) { throw new Error("The change names table '" + change.cos_configurationtable + "', which a configuration change does not change."); }
            var rowId = bare(change.cos_configurationrowid);
            return defs.columns(change.cos_configurationtable, columns).then(function (definition) {
                var read = rowId ? api().WebApi.retrieveRecord(definition.logicalName, rowId).then(null, function () { return null; }) : Promise.resolve(null);
                return read.then(function (row) {
                    return context(definition, row).then(function (facts) {
                        renderReview(change, definition, rowId, row, facts);
                        $("review").hidden = false;
                        return showPending(definition, rowId, changeId, facts);
                    });
                });
            });
        });
    }

    function renderReview(change, definition, rowId, row, facts) {
        var basis = parseLines(change.cos_basis), proposed = parseLines(change.cos_changes), conflicts = 0;
        var columns = change.cos_deleterow ? basis.__order : proposed.__order;
        $("title").textContent = change.cos_name || "Configuration change";
        $("comparison").querySelector("tbody").innerHTML = columns.map(function (name) {
            var column = definition.columns[name];
            var now = row && column ? defs.canonical(row, column) : null;
            var against = rowId ? (name in basis ? basis[name] : undefined) : null;
            var conflict = rowId && row && against !== undefined && against !== now;
            if (conflict) { conflicts++; }
            return "<tr data-column=\"" + name + "\"" + (conflict ? " class=\"cos-conflict\"" : "") + "><th scope=\"row\">" + text(column ? column.label : name)
                + "<span class=\"cos-logical\">" + name + "</span></th>"
                + "<td data-label=\"Proposed against\">" + text(rowId ? (against === undefined ? "(not recorded)" : shown(definition, name, against, facts)) : "(a new row)") + "</td>"
                + "<td data-label=\"Now\">" + text(row ? shown(definition, name, now, facts) : (rowId ? "(row gone)" : "–")) + "</td>"
                + "<td data-label=\"Proposed\">" + text(change.cos_deleterow ? "(deleted)" : proposed[name] === null ? "(cleared)" : shown(definition, name, proposed[name], facts))
                + (conflict ? " <strong class=\"cos-flag\">changed since proposed</strong>" : "") + "</td></tr>";
        }).join("");
        var applied = change.statecode === 1;
        $("summary").textContent = applied
            ? "Applied: this change is a record of what was put in force."
            : !rowId ? definition.label + ": a new row."
            : !row ? "The row no longer exists: applying is refused; withdraw the change."
            : conflicts > 0 ? conflicts + " column(s) changed since the change was proposed: applying is refused until it is saved again against the row as it is now."
            : definition.label + " '" + (row[definition.primaryName] || rowId) + "' is as the change was proposed against.";
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
    return { tables: TABLES };
}());
