// creditOS table definitions for pages (session 23): what a page needs to speak to people rather than in logical names and raw
// values: a table's and its columns' display names, a choice's labels, a money or decimal column's precision and range, a text
// column's length, a lookup's target table and that table's rows by primary name. Read from the Web API's table definitions
// (EntityDefinitions, "Query table definitions using the Web API") as the signed-in person, once per page load and table. It also
// turns values between the three forms a configuration change has: the row's Web API value, the change text's canonical value
// (ConfigurationChanges.Canonical: numbers invariant with at least two decimals, yes/no, a choice's number, a row id) and the label
// a person reads. It decides nothing; the server validates every value again.
var creditOS = creditOS || {};
creditOS.Definitions = (function () {
    "use strict";

    var API = "/api/data/v9.2/";
    // AttributeType → the kind of value a change carries; the cast that holds the type's own properties, and what to select there.
    var KINDS = {
        String: ["text", "StringAttributeMetadata", "MaxLength"], Memo: ["text", "MemoAttributeMetadata", "MaxLength"],
        Integer: ["int", "IntegerAttributeMetadata", "MinValue,MaxValue"],
        Decimal: ["decimal", "DecimalAttributeMetadata", "Precision,MinValue,MaxValue"],
        Money: ["money", "MoneyAttributeMetadata", "Precision,PrecisionSource,MinValue,MaxValue"],
        Boolean: ["bool", "BooleanAttributeMetadata", null], Picklist: ["choice", "PicklistAttributeMetadata", null],
        State: ["choice", "StateAttributeMetadata", null], Status: ["choice", "StatusAttributeMetadata", null],
        Lookup: ["lookup", "LookupAttributeMetadata", "Targets"], Owner: ["lookup", "LookupAttributeMetadata", "Targets"],
        Customer: ["lookup", "LookupAttributeMetadata", "Targets"]
    };

    var tables = {};
    var rowNames = {};

    function xrm() {
        var found = window.Xrm || (window.parent && window.parent.Xrm);
        if (!found) { throw new Error("This page runs inside the app: the Client API (parent.Xrm) is not available."); }
        return found;
    }

    function get(path) {
        var url = xrm().Utility.getGlobalContext().getClientUrl() + API + path;
        return fetch(url, { headers: { "Accept": "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0" }, credentials: "same-origin" })
            .then(function (response) {
                return response.json().then(function (body) {
                    if (!response.ok) { throw new Error("The table definitions could not be read: " + (body.error ? body.error.message : response.status)); }
                    return body;
                });
            });
    }

    function label(value) { return value && value.UserLocalizedLabel ? value.UserLocalizedLabel.Label : null; }

    function entityPath(logicalName) { return "EntityDefinitions(LogicalName='" + logicalName + "')"; }

    /** A table's names (display, entity set, primary id and name); cached. */
    function table(logicalName) {
        if (!tables[logicalName]) {
            tables[logicalName] = get(entityPath(logicalName) + "?$select=LogicalName,DisplayName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute")
                .then(function (json) {
                    return { logicalName: logicalName, label: label(json.DisplayName) || logicalName, entitySet: json.EntitySetName,
                        primaryId: json.PrimaryIdAttribute, primaryName: json.PrimaryNameAttribute, columns: null };
                });
        }
        return tables[logicalName];
    }

    /** A table with the given columns' definitions: label, kind, precision, range, length, options, targets. */
    function columns(logicalName, names) {
        return table(logicalName).then(function (definition) {
            if (definition.columns) { return definition; }
            return get(entityPath(logicalName) + "/Attributes?$select=LogicalName,DisplayName,AttributeType").then(function (json) {
                var found = {};
                json.value.forEach(function (attribute) {
                    if (names.indexOf(attribute.LogicalName) < 0) { return; }
                    var kind = KINDS[attribute.AttributeType];
                    if (!kind) { throw new Error("Column " + attribute.LogicalName + " is of type " + attribute.AttributeType + ", which this page does not edit."); }
                    found[attribute.LogicalName] = { name: attribute.LogicalName, label: label(attribute.DisplayName) || attribute.LogicalName,
                        type: attribute.AttributeType, kind: kind[0], cast: kind[1], options: null, targets: null };
                });
                names.forEach(function (name) { if (!found[name]) { throw new Error("Table " + logicalName + " has no column " + name + "."); } });
                return typed(logicalName, found).then(function () { definition.columns = found; return definition; });
            });
        });
    }

    // One request per attribute type the columns use, for that type's own properties (the Attributes collection has only the common ones).
    function typed(logicalName, found) {
        var casts = {};
        Object.keys(found).forEach(function (name) { casts[found[name].cast] = KINDS[found[name].type]; });
        return Promise.all(Object.keys(casts).map(function (cast) {
            var select = casts[cast][2], options = select === null;
            var query = "?$select=LogicalName" + (select ? "," + select : "") + (options ? "&$expand=OptionSet" : "");
            return get(entityPath(logicalName) + "/Attributes/Microsoft.Dynamics.CRM." + cast + query).then(function (json) {
                json.value.forEach(function (attribute) {
                    var column = found[attribute.LogicalName];
                    if (!column) { return; }
                    column.precision = attribute.Precision === undefined ? null : attribute.Precision;
                    column.precisionSource = attribute.PrecisionSource === undefined ? null : attribute.PrecisionSource;
                    column.min = attribute.MinValue === undefined ? null : attribute.MinValue;
                    column.max = attribute.MaxValue === undefined ? null : attribute.MaxValue;
                    column.maxLength = attribute.MaxLength === undefined ? null : attribute.MaxLength;
                    column.targets = attribute.Targets || null;
                    if (attribute.OptionSet) {
                        var set = attribute.OptionSet;
                        column.options = set.Options
                            ? set.Options.map(function (option) { return { value: String(option.Value), label: label(option.Label) || String(option.Value), state: option.State }; })
                            : [{ value: "yes", label: label(set.TrueOption.Label) || "Yes" }, { value: "no", label: label(set.FalseOption.Label) || "No" }];
                    }
                });
            });
        }));
    }

    /** The rows a lookup may point at, by primary name, sorted; cached per target table. Single-target lookups only. */
    function lookupRows(column) {
        if (!column.targets || column.targets.length !== 1) {
            return Promise.reject(new Error(column.label + " points at " + (column.targets || []).join(" or ") + ": this page picks rows of one table only."));
        }
        var target = column.targets[0];
        if (!rowNames[target]) {
            rowNames[target] = table(target).then(function (definition) {
                return xrm().WebApi.retrieveMultipleRecords(target, "?$select=" + definition.primaryName).then(function (result) {
                    return result.entities.map(function (row) {
                        return { value: String(row[definition.primaryId]).replace(/[{}]/g, "").toLowerCase(), label: row[definition.primaryName] || "(no name)" };
                    }).sort(function (a, b) { return a.label.localeCompare(b.label); });
                });
            });
        }
        return rowNames[target];
    }

    // ---- Values ----

    /** The number of decimal places a money or decimal column keeps (a money column by its precision source; 2 its currency's, read by the caller). */
    function places(column, currencyPrecision) {
        if (column.kind === "money" && column.precisionSource === 2 && currencyPrecision !== null && currencyPrecision !== undefined) { return currencyPrecision; }
        return column.precision === null || column.precision === undefined ? 2 : column.precision;
    }

    function formatNumber(value, decimals) {
        return Number(value).toLocaleString(undefined, { minimumFractionDigits: decimals, maximumFractionDigits: Math.max(decimals, 10) });
    }

    /** A row's Web API value as the change text writes it, or null for none. */
    function canonical(row, column) {
        var value = column.kind === "lookup" ? row["_" + column.name + "_value"] : row[column.name];
        if (value === null || value === undefined || value === "") { return null; }
        switch (column.kind) {
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

    /** A canonical value as a person reads it: a number with its column's places, a choice's label, a row's name. */
    function display(column, value, lookupLabels, currencyPrecision) {
        if (value === null || value === undefined) { return "(none)"; }
        if (!column) { return value; }
        switch (column.kind) {
            case "money":
            case "decimal":
                return isNaN(Number(value)) ? value : formatNumber(value, places(column, currencyPrecision));
            case "int":
                return isNaN(Number(value)) ? value : Number(value).toLocaleString();
            case "bool":
            case "choice":
                var option = (column.options || []).filter(function (candidate) { return candidate.value === value; })[0];
                return option ? option.label : value + " (not a choice of this column)";
            case "lookup":
                var name = lookupLabels && lookupLabels[value];
                return name || "(a row that no longer exists: " + value + ")";
            default:
                return value;
        }
    }

    /**
     * What a person typed or picked, checked against the column's definition: { value } the canonical value, or { error } a message
     * that states the figures. Empty text means "no change".
     */
    function parse(column, typed, currencyPrecision) {
        var text = String(typed === null || typed === undefined ? "" : typed).trim();
        if (text === "") { return { value: null }; }
        switch (column.kind) {
            case "text":
                return column.maxLength !== null && text.length > column.maxLength
                    ? { error: column.label + ": " + text.length + " characters; this column holds at most " + column.maxLength + "." }
                    : { value: text.replace(/\r\n/g, "\n").replace(/\n/g, "\\n") };
            case "int":
            case "money":
            case "decimal":
                return number(column, text, currencyPrecision);
            default:
                return { value: text };
        }
    }

    function number(column, text, currencyPrecision) {
        // Digits with "." for decimals; commas or spaces between groups of three are read as thousands separators.
        var bare = /^-?\d{1,3}([, ]\d{3})+(\.\d+)?$/.test(text) ? text.replace(/[, ]/g, "") : text;
        if (!/^-?\d+(\.\d+)?$/.test(bare)) {
            return { error: column.label + ": '" + text + "' is not a number (digits, with '.' before decimals)." };
        }
        var decimals = (bare.split(".")[1] || "").length;
        var keeps = column.kind === "int" ? 0 : places(column, currencyPrecision);
        if (decimals > keeps) {
            return { error: column.label + ": " + text + " has " + decimals + " decimal place" + (decimals === 1 ? "" : "s") + "; this column "
                + (keeps === 0 ? "takes whole numbers" : "keeps " + keeps) + "." };
        }
        var value = Number(bare);
        var shown = function (limit) { return keeps === 0 ? Number(limit).toLocaleString() : formatNumber(limit, keeps); };
        if (column.min !== null && value < column.min) {
            return { error: column.label + ": " + shown(value) + " is below the minimum " + shown(column.min) + "." };
        }
        if (column.max !== null && value > column.max) {
            return { error: column.label + ": " + shown(value) + " is above the maximum " + shown(column.max) + "." };
        }
        if (column.kind === "int") { return { value: String(Number(bare)) }; }
        var fraction = bare.split(".")[1] || "";
        return { value: bare.split(".")[0].replace(/^(-?)0+(?=\d)/, "$1") + "." + (fraction.length >= 2 ? fraction : (fraction + "00").substring(0, 2)) };
    }

    /** The hint under a field: what it takes. */
    function hint(column, currencyPrecision) {
        switch (column.kind) {
            case "money":
            case "decimal":
            case "int":
                var keeps = column.kind === "int" ? 0 : places(column, currencyPrecision);
                var bound = function (limit) { return keeps === 0 ? Number(limit).toLocaleString() : formatNumber(limit, keeps); };
                var range = column.min !== null && column.max !== null ? "from " + bound(column.min) + " to " + bound(column.max)
                    : column.min !== null ? "at least " + bound(column.min) : column.max !== null ? "at most " + bound(column.max) : "any amount";
                return (keeps === 0 ? "A whole number " : "A number with up to " + keeps + " decimal place" + (keeps === 1 ? "" : "s") + ", ") + range + ".";
            case "text":
                return column.maxLength !== null ? "Up to " + column.maxLength + " characters." : "";
            default:
                return "";
        }
    }

    return { table: table, columns: columns, lookupRows: lookupRows, canonical: canonical, display: display, parse: parse, hint: hint, places: places };
}());
