// A stand-in for the model-driven app's Client API (Xrm) in the creditOS browser tests. It calls the local Dataverse
// Web API on the page's own origin (the test host forwards /api/data/v9.2/ with the signed-in person's token), so
// scripts run against real privileges and real data. It behaves as the real API does where it is implemented
// (native promises, the same result shapes, errors as { errorCode: positive decimal, message }) and fails loudly
// everywhere else: a member it does not implement throws and is recorded in XrmStandIn.failures, which every test
// checks is empty.
(function (global) {
    "use strict";

    var state = {
        config: null,
        failures: [],
        dialogs: [],
        navigations: [],
        confirmAnswers: [],
        progress: { visible: false, messages: [] },
        notifications: {},
        pending: 0,
        commands: [],
        formReady: false,
        formLoads: 0
    };

    function fail(message) {
        state.failures.push(message);
        return new Error("Xrm stand-in: " + message);
    }

    function notImplemented(path) {
        throw fail(path + " is not implemented; add it to tests/CreditOS.Browser.Tests/Harness/StandIn/xrm-standin.js with the real Client API's behaviour.");
    }

    // An object whose unknown members fail loudly, as a missing Client API member must not pass silently.
    function strict(path, target) {
        return new Proxy(target, {
            get: function (object, property) {
                if (typeof property === "symbol" || property in object) {
                    return object[property];
                }
                if (property === "then" || property === "toJSON" || property === "constructor") {
                    return undefined;
                }
                return notImplemented(path + "." + property);
            }
        });
    }

    function table(logicalName) {
        var known = state.config.tables[logicalName];
        if (!known) {
            throw { errorCode: 2147746327, message: "Could not find entity with name '" + logicalName + "'." };
        }
        return known;
    }

    function bareId(id) {
        if (typeof id !== "string" || !/^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/.test(id)) {
            throw { errorCode: 2147746306, message: "Invalid id: '" + id + "' is not a GUID." };
        }
        return id.replace(/[{}]/g, "").toLowerCase();
    }

    function queryOptions(options) {
        if (options === undefined || options === null || options === "") {
            return "";
        }
        if (typeof options !== "string" || options.charAt(0) !== "?") {
            throw { errorCode: 2147746306, message: "The options must be a string starting with '?': " + options };
        }
        return options;
    }

    // A failed Web API answer as the Client API rejects: errorCode a positive decimal (0x80040220 -> 2147746336).
    function errorFrom(response) {
        return response.text().then(function (text) {
            var code = null;
            var message = response.status + " " + response.statusText;
            try {
                var body = JSON.parse(text);
                if (body && body.error) {
                    code = body.error.code;
                    message = body.error.message || message;
                }
            } catch (ignored) {
                // not JSON: the status line is the message
            }
            var errorCode = typeof code === "string" && /^0x[0-9a-fA-F]+$/.test(code) ? parseInt(code, 16) : (typeof code === "number" ? code >>> 0 : response.status);
            return { errorCode: errorCode, message: message, code: errorCode, title: response.statusText, raw: text };
        });
    }

    function send(method, relativeUrl, body, headers) {
        var allHeaders = {
            "Accept": "application/json",
            "OData-MaxVersion": "4.0",
            "OData-Version": "4.0"
        };
        if (body !== undefined) {
            allHeaders["Content-Type"] = "application/json; charset=utf-8";
        }
        Object.keys(headers || {}).forEach(function (name) { allHeaders[name] = headers[name]; });
        state.pending++;
        return fetch(state.config.serviceRoot + relativeUrl, {
            method: method,
            headers: allHeaders,
            body: body === undefined ? undefined : JSON.stringify(body),
            credentials: "same-origin"
        }).then(function (response) {
            state.pending--;
            if (!response.ok) {
                return errorFrom(response).then(function (error) { throw error; });
            }
            return response;
        }, function (networkError) {
            state.pending--;
            throw { errorCode: 2147746325, message: "The request could not be sent: " + networkError.message };
        });
    }

    function attempt(work) {
        try {
            return work();
        } catch (error) {
            return Promise.reject(error);
        }
    }

    function idFromEntityIdHeader(response) {
        var location = response.headers.get("OData-EntityId") || "";
        var match = /\(([0-9a-fA-F-]{36})\)\s*$/.exec(location);
        if (!match) {
            throw fail("the Web API answered a create without an OData-EntityId header naming the row (" + location + ").");
        }
        return match[1].toLowerCase();
    }

    var webApi = {
        retrieveRecord: function (entityLogicalName, id, options) {
            return attempt(function () {
                var url = table(entityLogicalName).entitySet + "(" + bareId(id) + ")" + queryOptions(options);
                return send("GET", url).then(function (response) { return response.json(); });
            });
        },
        retrieveMultipleRecords: function (entityLogicalName, options, maxPageSize) {
            return attempt(function () {
                var query = queryOptions(options);
                // "?fetchXml=<url-encoded fetch>" goes to the entity set as Dataverse takes it; the local Web API answers
                // aggregate FetchXML and refuses the rest as not implemented.
                var headers = {};
                if (maxPageSize !== undefined && maxPageSize !== null) {
                    if (!(maxPageSize > 0 && maxPageSize <= 5000)) {
                        throw { errorCode: 2147746306, message: "maxPageSize must be between 1 and 5000: " + maxPageSize };
                    }
                    headers.Prefer = "odata.maxpagesize=" + maxPageSize;
                }
                return send("GET", table(entityLogicalName).entitySet + query, undefined, headers)
                    .then(function (response) { return response.json(); })
                    .then(function (body) {
                        var result = { entities: body.value };
                        if (body["@odata.nextLink"]) {
                            result.nextLink = body["@odata.nextLink"];
                        }
                        return result;
                    });
            });
        },
        createRecord: function (entityLogicalName, data) {
            return attempt(function () {
                return send("POST", table(entityLogicalName).entitySet, data).then(function (response) {
                    return { entityType: entityLogicalName, id: idFromEntityIdHeader(response) };
                });
            });
        },
        updateRecord: function (entityLogicalName, id, data) {
            return attempt(function () {
                var rowId = bareId(id);
                // If-Match: * makes the PATCH an update only: a missing row is an error, never created.
                return send("PATCH", table(entityLogicalName).entitySet + "(" + rowId + ")", data, { "If-Match": "*" }).then(function () {
                    return { entityType: entityLogicalName, id: rowId };
                });
            });
        },
        deleteRecord: function (entityLogicalName, id) {
            return attempt(function () {
                var rowId = bareId(id);
                return send("DELETE", table(entityLogicalName).entitySet + "(" + rowId + ")").then(function () {
                    return { entityType: entityLogicalName, id: rowId };
                });
            });
        },
        // Actions and Custom APIs (operationType 0). Resolves with the fetch Response (ok, status, json()), as the
        // real execute does; a failed request rejects with the error object.
        execute: function (request) {
            return attempt(function () {
                if (!request || typeof request.getMetadata !== "function") {
                    throw { errorCode: 2147746306, message: "The request must have a getMetadata function." };
                }
                var metadata = request.getMetadata();
                if (metadata.operationType !== 0) {
                    notImplemented("Xrm.WebApi.online.execute with operationType " + metadata.operationType + " (only actions, 0, are)");
                }
                var url;
                if (metadata.boundParameter) {
                    var bound = request[metadata.boundParameter];
                    if (!bound || !bound.entityType || !bound.id) {
                        throw { errorCode: 2147746306, message: "The bound parameter '" + metadata.boundParameter + "' must be { entityType, id }." };
                    }
                    url = table(bound.entityType).entitySet + "(" + bareId(bound.id) + ")/Microsoft.Dynamics.CRM." + metadata.operationName;
                } else {
                    url = metadata.operationName;
                }
                var body = {};
                Object.keys(request).forEach(function (name) {
                    if (name === "getMetadata" || name === metadata.boundParameter || request[name] === undefined) {
                        return;
                    }
                    var type = metadata.parameterTypes && metadata.parameterTypes[name];
                    if (!type) {
                        throw { errorCode: 2147746306, message: "The parameter '" + name + "' has no entry in getMetadata().parameterTypes." };
                    }
                    if (type.structuralProperty === 1) {
                        body[name] = request[name];
                    } else if (type.structuralProperty === 5) {
                        var reference = request[name];
                        var target = table(reference.entityType);
                        body[name] = { "@odata.type": "Microsoft.Dynamics.CRM." + reference.entityType };
                        body[name][target.primaryId] = bareId(reference.id);
                    } else {
                        notImplemented("Xrm.WebApi.online.execute with a parameter of structuralProperty " + type.structuralProperty + " ('" + name + "')");
                    }
                });
                return send("POST", url, body);
            });
        }
    };
    webApi.online = strict("Xrm.WebApi.online", {
        retrieveRecord: webApi.retrieveRecord,
        retrieveMultipleRecords: webApi.retrieveMultipleRecords,
        createRecord: webApi.createRecord,
        updateRecord: webApi.updateRecord,
        deleteRecord: webApi.deleteRecord,
        execute: webApi.execute
    });

    var navigation = {
        openAlertDialog: function (alertStrings) {
            state.dialogs.push({ kind: "alert", text: alertStrings && alertStrings.text, title: alertStrings && alertStrings.title });
            return Promise.resolve();
        },
        openConfirmDialog: function (confirmStrings) {
            var dialog = { kind: "confirm", text: confirmStrings && confirmStrings.text, title: confirmStrings && confirmStrings.title };
            state.dialogs.push(dialog);
            if (state.confirmAnswers.length === 0) {
                return Promise.reject(fail("a confirm dialog opened (\"" + dialog.text + "\") but the test queued no answer (XrmStandIn.answerConfirm)."));
            }
            dialog.confirmed = state.confirmAnswers.shift();
            return Promise.resolve({ confirmed: dialog.confirmed });
        },
        openErrorDialog: function (errorOptions) {
            if (!errorOptions || (!errorOptions.message && !errorOptions.errorCode)) {
                return Promise.reject(fail("openErrorDialog needs a message or an errorCode."));
            }
            state.dialogs.push({ kind: "error", text: errorOptions.message, details: errorOptions.details, errorCode: errorOptions.errorCode });
            return Promise.resolve();
        },
        // navigateTo(pageInput, navigationOptions) (session 34): only an entity list (pageType "entitylist": entityName,
        // optional viewId, optional viewType "savedquery" or "userquery") is stood in; it is recorded in state.navigations,
        // the shell does not change page. Anything else is a stand-in failure.
        navigateTo: function (pageInput, navigationOptions) {
            return attempt(function () {
                if (!pageInput || pageInput.pageType !== "entitylist") {
                    notImplemented("Xrm.Navigation.navigateTo with pageType " + (pageInput && pageInput.pageType) + " (only entitylist is)");
                }
                if (typeof pageInput.entityName !== "string" || !pageInput.entityName) {
                    throw fail("navigateTo an entity list needs entityName.");
                }
                table(pageInput.entityName);
                if (pageInput.viewId !== undefined && !/^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/.test(pageInput.viewId)) {
                    throw fail("navigateTo's viewId must be a view's id: " + pageInput.viewId);
                }
                if (pageInput.viewType !== undefined && pageInput.viewType !== "savedquery" && pageInput.viewType !== "userquery") {
                    throw fail("navigateTo's viewType must be savedquery or userquery: " + pageInput.viewType);
                }
                state.navigations.push({ pageType: pageInput.pageType, entityName: pageInput.entityName, viewId: pageInput.viewId ? bareId(pageInput.viewId) : null, viewType: pageInput.viewType || null, target: navigationOptions ? navigationOptions.target : null });
                return Promise.resolve();
            });
        }
    };

    var utility = {
        showProgressIndicator: function (message) {
            state.progress.visible = true;
            state.progress.messages.push(message);
        },
        closeProgressIndicator: function () {
            state.progress.visible = false;
        },
        getGlobalContext: function () {
            var user = state.config.user;
            return strict("Xrm.Utility.getGlobalContext()", {
                getClientUrl: function () { return state.config.clientUrl; },
                getVersion: function () { return "9.2.0.0"; },
                userSettings: strict("Xrm.Utility.getGlobalContext().userSettings", {
                    userId: "{" + user.id.toUpperCase() + "}",
                    userName: user.name,
                    languageId: 1033
                }),
                organizationSettings: strict("Xrm.Utility.getGlobalContext().organizationSettings", {
                    uniqueName: state.config.organization,
                    languageId: 1033,
                    // "A lookup object containing the ID, name, and table type of the base currency", e.g. {id:
                    // "e7dd9bc6-…", entityType: "transactioncurrency", name: "US Dollar"} (organizationSettings reference).
                    baseCurrency: strict("Xrm.Utility.getGlobalContext().organizationSettings.baseCurrency", {
                        id: state.config.baseCurrency.id,
                        entityType: "transactioncurrency",
                        name: state.config.baseCurrency.name
                    })
                })
            });
        }
    };

    // The form: the record's values from the host (read as the signed-in person), attributes, web resource controls.
    var form = { values: {}, controls: {} };

    function loadFormData() {
        var config = state.config;
        return fetch(config.formDataPath + "?etn=" + encodeURIComponent(config.entityName) + "&id=" + encodeURIComponent(config.id), { credentials: "same-origin" })
            .then(function (response) {
                if (!response.ok) {
                    return response.text().then(function (text) { throw fail("the form's record could not be read: " + response.status + " " + text); });
                }
                return response.json();
            })
            .then(function (values) {
                form.values = values;
                state.formLoads++;
            });
    }

    // A Client API collection (attributes, an attribute's controls): forEach, get() / get(index) / get(name), getLength.
    function collection(path, items, nameOf) {
        return strict(path, {
            forEach: function (delegate) { items.forEach(function (item, index) { delegate(item, index); }); },
            get: function (which) {
                if (which === undefined) {
                    return items.slice();
                }
                if (typeof which === "number") {
                    return items[which] || null;
                }
                if (typeof which === "string") {
                    return items.filter(function (item) { return nameOf(item) === which; })[0] || null;
                }
                return notImplemented(path + ".get(" + typeof which + ")");
            },
            getLength: function () { return items.length; }
        });
    }

    // The form's column controls (FormXml controls with a datafieldname), rendered as inputs so a test reads what a person
    // could type into. disabled as the FormXml authors it; setDisabled changes it, as the real control does.
    var fieldControls = [];

    // The host's bookkeeping keys beside the form's column values: the primary name, each column's Client API attribute
    // type, what the form shows for it (the Web API's FormattedValue annotations) and the columns whose format the local Web
    // API leaves open (their reason), which the control shows as the stored value, marked data-unformatted.
    var reservedKeys = ["__name", "__types", "__formatted", "__unformatted"];

    function isColumn(name) {
        return Object.prototype.hasOwnProperty.call(form.values, name) && reservedKeys.indexOf(name) < 0;
    }

    function formattedValue(name) {
        var formatted = form.values.__formatted || {};
        return typeof formatted[name] === "string" ? formatted[name] : null;
    }

    function attribute(name) {
        var type = (form.values.__types || {})[name];
        var members = {
            getName: function () { return name; },
            // Xrm.Attributes.AttributeType: boolean, datetime, decimal, double, integer, lookup, memo, money, optionset, string.
            getAttributeType: function () { return type; },
            getValue: function () {
                var value = form.values[name];
                return typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : (value === undefined ? null : value);
            },
            controls: collection("formContext.getAttribute(\"" + name + "\").controls",
                fieldControls.filter(function (field) { return field.column === name; }).map(function (field) { return field.control; }),
                function (control) { return control.getName(); })
        };
        if (type === "optionset") {
            // Choice columns only (as in the Client API): the label of the selected option, null when none is selected.
            members.getText = function () { return form.values[name] === null || form.values[name] === undefined ? null : formattedValue(name); };
        }
        return strict("formContext.getAttribute(\"" + name + "\")", members);
    }

    // What the form's control shows: the formatted value a form shows (a choice's label, a yes/no label, a date, a number in
    // the user's format), else the value itself (text).
    function shown(column) {
        var value = form.values[column];
        if (value === null || value === undefined) {
            return "";
        }
        if (formattedValue(column) !== null) {
            return formattedValue(column);
        }
        if (Array.isArray(value)) {
            return value.map(function (reference) { return reference.name || reference.id; }).join("; ");
        }
        return String(value);
    }

    function renderFields(fields) {
        var section = document.createElement("div");
        section.id = "fields";
        section.className = "tab";
        fields.forEach(function (field) {
            var label = document.createElement("label");
            var caption = document.createElement("span");
            caption.textContent = field.label || field.column;
            label.appendChild(caption);
            var input = document.createElement("input");
            input.type = "text";
            input.id = "field_" + field.id;
            input.setAttribute("data-column", field.column);
            input.value = shown(field.column);
            var unformatted = (form.values.__unformatted || {})[field.column];
            if (typeof unformatted === "string") {
                input.setAttribute("data-unformatted", unformatted);
            }
            input.disabled = field.disabled === true;
            label.appendChild(input);
            section.appendChild(label);
            var control = strict("formContext.getControl(\"" + field.id + "\")", {
                getName: function () { return field.id; },
                getAttribute: function () { return formContext.getAttribute(field.column); },
                getDisabled: function () { return input.disabled; },
                setDisabled: function (disabled) {
                    if (disabled !== true && disabled !== false) {
                        throw fail("setDisabled(" + String(disabled) + ") on " + field.id + ": the value must be a boolean.");
                    }
                    input.disabled = disabled;
                }
            });
            fieldControls.push({ column: field.column, control: control });
            form.controls[field.id] = control;
        });
        document.getElementById("tabs").appendChild(section);
    }

    var dataOnLoadHandlers = [];

    function runDataOnLoad() {
        var executionContext = strict("executionContext", { getFormContext: function () { return formContext; } });
        dataOnLoadHandlers.slice().forEach(function (handler) { handler(executionContext); });
    }

    var formContext = strict("formContext", {
        data: strict("formContext.data", {
            entity: strict("formContext.data.entity", {
                // The form's columns: each attribute with its controls on the form.
                get attributes() {
                    return collection("formContext.data.entity.attributes",
                        Object.keys(form.values).filter(isColumn).map(attribute),
                        function (item) { return item.getName(); });
                },
                getId: function () { return "{" + state.config.id.toUpperCase() + "}"; },
                getEntityName: function () { return state.config.entityName; },
                getPrimaryAttributeValue: function () { return form.values.__name || null; },
                getEntityReference: function () {
                    return { entityType: state.config.entityName, id: "{" + state.config.id.toUpperCase() + "}", name: form.values.__name || null };
                }
            }),
            refresh: function (save) {
                if (save) {
                    notImplemented("formContext.data.refresh(true) (saving the form)");
                }
                return loadFormData().then(runDataOnLoad);
            },
            // The form data OnLoad event: Microsoft raises it on the initial load, on data.refresh and on a save that
            // reloads the data. Here a handler added during the form's OnLoad (after the initial load) runs on refresh.
            addOnLoad: function (handler) {
                if (typeof handler !== "function") {
                    notImplemented("formContext.data.addOnLoad() without a function");
                }
                dataOnLoadHandlers.push(handler);
            },
            removeOnLoad: function (handler) {
                dataOnLoadHandlers = dataOnLoadHandlers.filter(function (added) { return added !== handler; });
            }
        }),
        getAttribute: function (name) {
            if (typeof name !== "string") {
                notImplemented("formContext.getAttribute() without a column name");
            }
            return isColumn(name) ? attribute(name) : null;
        },
        getControl: function (name) {
            if (typeof name !== "string") {
                notImplemented("formContext.getControl() without a control name");
            }
            return form.controls[name] || null;
        },
        ui: strict("formContext.ui", {
            getFormType: function () { return 2; },
            setFormNotification: function (message, level, uniqueId) {
                state.notifications[uniqueId] = { message: message, level: level };
                return true;
            },
            clearFormNotification: function (uniqueId) {
                var existed = Object.prototype.hasOwnProperty.call(state.notifications, uniqueId);
                delete state.notifications[uniqueId];
                return existed;
            }
        })
    });

    function resolveFunction(dottedName) {
        var target = global;
        dottedName.split(".").forEach(function (part) {
            target = target === undefined || target === null ? undefined : target[part];
        });
        if (typeof target !== "function") {
            throw fail("the function " + dottedName + " is not defined by the form's libraries.");
        }
        return target;
    }

    function commandParameter(value) {
        if (value === "PrimaryControl") {
            return formContext;
        }
        if (value === "PrimaryEntityTypeName") {
            return state.config.entityName;
        }
        if (value === "FirstPrimaryItemId") {
            return "{" + state.config.id.toUpperCase() + "}";
        }
        throw fail("the command parameter " + value + " is not implemented.");
    }

    // A CustomRule: its function, called with its CrmParameters, decides; InvertResult negates. A function that throws or
    // answers something other than a boolean is a failure here (the rule's Default, or false, stands in for the value that
    // could not be determined); a promise (which the Unified Interface also accepts) is not evaluated by the stand-in.
    function customRule(condition) {
        var result;
        try {
            result = resolveFunction(condition.custom).apply(global, condition.parameters.map(commandParameter));
        } catch (error) {
            fail("the CustomRule " + condition.custom + " threw: " + (error && error.message ? error.message : String(error)));
            return condition["default"] === true;
        }
        if (result && typeof result.then === "function") {
            notImplemented("a CustomRule returning a promise (" + condition.custom + ")");
        }
        if (result !== true && result !== false) {
            fail("the CustomRule " + condition.custom + " returned " + String(result) + ", not a boolean.");
            return condition["default"] === true;
        }
        return result !== condition.invert;
    }

    // A command's enable rules (from RibbonCommands): constants, { all }, { any }, ValueRules on the form's values and
    // CustomRules.
    function isEnabled(condition) {
        if (condition === true || condition === false) {
            return condition;
        }
        if (condition.all) {
            return condition.all.every(isEnabled);
        }
        if (condition.any) {
            return condition.any.some(isEnabled);
        }
        if (condition.field) {
            if (!Object.prototype.hasOwnProperty.call(form.values, condition.field)) {
                throw fail("the ValueRule on " + condition.field + " needs that column on the form.");
            }
            var value = form.values[condition.field];
            var matches = value !== null && value !== undefined && String(value) === condition.value;
            return matches !== condition.invert;
        }
        if (condition.custom) {
            return customRule(condition);
        }
        throw fail("an enable rule the stand-in does not evaluate: " + JSON.stringify(condition));
    }

    function renderCommands(commands) {
        var bar = document.getElementById("commandbar");
        commands.forEach(function (command) {
            var button = document.createElement("button");
            button.type = "button";
            button.textContent = command.label;
            button.setAttribute("data-command", command.id);
            button.disabled = !isEnabled(command.enable);
            button.addEventListener("click", function () {
                var record = { id: command.id, settled: false, error: null };
                state.commands.push(record);
                Promise.resolve()
                    .then(function () { return resolveFunction(command.functionName).apply(global, command.parameters.map(commandParameter)); })
                    .then(function () { record.settled = true; }, function (error) {
                        record.settled = true;
                        record.error = error && error.message ? error.message : String(error);
                    });
            });
            bar.appendChild(button);
        });
    }

    function webResourceUrl(control) {
        var url = "/WebResources/" + control.name;
        if (control.passParameters) {
            url += "?type=" + encodeURIComponent(state.config.entityName === "account" ? "1" : "0") +
                "&typename=" + encodeURIComponent(state.config.entityName) +
                "&id=" + encodeURIComponent("{" + state.config.id.toUpperCase() + "}") +
                "&orgname=" + encodeURIComponent(state.config.organization) +
                "&userlcid=1033&orglcid=1033";
        }
        return url;
    }

    function renderWebResources(controls) {
        var tabs = document.getElementById("tabs");
        controls.forEach(function (control) {
            var section = document.createElement("div");
            section.className = "tab";
            section.setAttribute("data-tab", control.tab);
            var heading = document.createElement("h2");
            heading.textContent = control.tab;
            var frame = document.createElement("iframe");
            frame.id = control.id;
            frame.name = control.id;
            frame.title = control.name;
            section.appendChild(heading);
            section.appendChild(frame);
            tabs.appendChild(section);
            form.controls[control.id] = strict("formContext.getControl(\"" + control.id + "\")", {
                getName: function () { return control.id; },
                getContentWindow: function () { return Promise.resolve(frame.contentWindow); },
                getSrc: function () { return frame.src; }
            });
            frame.src = webResourceUrl(control);
        });
    }

    var xrm = strict("Xrm", {
        WebApi: strict("Xrm.WebApi", webApi),
        Navigation: strict("Xrm.Navigation", navigation),
        Utility: strict("Xrm.Utility", utility),
        Page: formContext
    });

    global.XrmStandIn = {
        state: state,
        // Queues the answer the next confirm dialog gets (true = OK).
        answerConfirm: function (confirmed) { state.confirmAnswers.push(!!confirmed); },
        formContext: formContext,
        // A web resource page opened from the app's site map (pagetype=webresource): the page is framed by the app
        // shell, which provides parent.Xrm; there is no form or record.
        openPage: function (config) {
            state.config = config;
            Object.defineProperty(global, "Xrm", { value: xrm, writable: false, configurable: false });
            renderWebResources(config.webResources);
            state.formReady = true;
        },
        openForm: function (config) {
            state.config = config;
            Object.defineProperty(global, "Xrm", { value: xrm, writable: false, configurable: false });
            loadFormData()
                .then(function () {
                    renderCommands(config.commands);
                    renderFields(config.fields || []);
                    config.onLoad.forEach(function (handler) {
                        var executionContext = strict("executionContext", { getFormContext: function () { return formContext; } });
                        resolveFunction(handler.functionName).apply(global, handler.passExecutionContext ? [executionContext] : []);
                    });
                    renderWebResources(config.webResources);
                    state.formReady = true;
                })
                .catch(function (error) {
                    state.failures.push("the form did not open: " + (error && error.message ? error.message : String(error)));
                });
        }
    };
}(window));
