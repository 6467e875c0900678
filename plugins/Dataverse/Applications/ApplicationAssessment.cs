using System.Globalization;
using CreditOS.CreditEngine.Applications;
using CreditOS.CreditEngine.Configuration;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Credit.Bureau;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Api = CreditOS.Dataverse.Applications.AssessCreditApplicationApi;
using EngineAssessment = CreditOS.CreditEngine.Applications.CreditApplicationAssessment;
using Fields = CreditOS.Dataverse.Model.CreditApplication.Fields;
using RequestFields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Dataverse.Applications;

/// <summary>
/// The outcome of the worker's bureau lookup for a submitted credit application (Custom API cos_AssessCreditApplication),
/// written as one transaction through the SYSTEM service, so nothing is half-written:
/// <list type="bullet">
/// <item>a report: the engine assesses the application (<see cref="CreditApplicationAssessor"/>) under the initial-limit
/// policy, Finance gets an <b>Initial limit</b> request with the verification data (<see cref="CreditLimitRequestRouter"/>),
/// and the application waits In assessment with the recommendation, its reasons and the request;</item>
/// <item>the company is unknown at the bureau: More information needed, saying what was searched;</item>
/// <item>the bureau is unavailable or throttling: In assessment with the reason, the attempt count and when the worker
/// tries again.</item>
/// </list>
/// Only the integration worker (the solution's Integration role) records an outcome.
/// Budget: 3 calls for a problem (application, caller's role, application write); 13 with a report (adds report,
/// currency, policy, and the limit request's account, orders, open requests, route settings, route, request, queue), 14 when
/// the account gets the bureau company id the lookup matched (controls round 9, session 16), 15 with the query for another
/// account that is the same company (controls round 13, session 20: <see cref="ReportCalls"/>); a company that is already
/// another account's is not assessed (More information needed naming that customer, no request).
/// </summary>
public static class ApplicationAssessment
{
    /// <summary>The policy whose hard cap and terms bound an initial limit: the tier a customer of normal standing starts in.</summary>
    public const string InitialLimitPolicyCode = DefaultCreditConfiguration.Standard;

    /// <summary>An approved initial limit is reviewed after a year unless Finance sets another date.</summary>
    public const int InitialLimitReviewMonths = 12;

    /// <summary>
    /// Organization-service calls at most with a report: 13, the account's bureau company id written, and another account
    /// that is the same company (controls round 13, <see cref="ExistingCustomerLookup"/>; controls round 17, by the company's
    /// bureau reports on file, <see cref="CompanyReportsOnFile"/>).
    /// </summary>
    public const int ReportCalls = 14 + ExistingCustomerLookup.Calls + CompanyReportsOnFile.Calls;

    /// <summary>When the bureau gives no Retry-After.</summary>
    public static readonly TimeSpan DefaultRetry = TimeSpan.FromMinutes(15);

    private const string AccountAlias = "account";

    private static readonly ColumnSet Columns = new(
        [.. CreditApplicationGuard.ApplicantColumns, Fields.StatusCode, Fields.SubmittedBy, Fields.BureauAttempts, Fields.ApprovalRequestId]);

    public static AssessmentOutcome Record(
        IOrganizationService system, Guid callerId, EntityReference target, EntityReference? report, string? companyId, string? problem, string? detail, int? retryAfterSeconds, DateTime now)
    {
        var application = system.Retrieve(CreditApplication.EntityLogicalName, target.Id, Columns);
        var name = application.GetAttributeValue<string>(Fields.Name) ?? target.Id.ToString();
        if (!IntegrationIdentity.IsIntegration(system, callerId))
        {
            throw new InvalidPluginExecutionException(
                $"Only the integration worker records the bureau lookup of credit application '{name}' (the solution's creditOS Integration role).");
        }

        var status = CreditApplicationStatuses.Of(application.GetAttributeValue<OptionSetValue>(Fields.StatusCode)?.Value);
        if (!CreditApplicationStatuses.AwaitsBureau(status) || application.GetAttributeValue<EntityReference>(Fields.ApprovalRequestId) is not null)
        {
            throw new InvalidPluginExecutionException(
                $"Credit application '{name}' is {CreditApplicationStatuses.Label(status)}{(application.Contains(Fields.ApprovalRequestId) ? " with Finance" : string.Empty)}; only a submitted application waiting for the bureau is assessed.");
        }

        if (report is not null)
        {
            return Assess(system, application, name, report, companyId, now);
        }

        switch (problem)
        {
            case Api.BureauProblems.CompanyNotFound:
                system.Update(new Entity(CreditApplication.EntityLogicalName, application.Id)
                {
                    [Fields.StatusCode] = new OptionSetValue((int)CreditApplicationStatus.MoreInformationNeeded),
                    [Fields.StatusMessage] = $"The bureau found no company with registration number '{application.GetAttributeValue<string>(Fields.RegistrationNumber)}' in {application.GetAttributeValue<string>(Fields.Country)}"
                        + Detail(detail) + ". Check the registration number and the country with the customer, then submit again.",
                    [Fields.NextBureauAttemptOn] = null,
                });
                return new AssessmentOutcome(CreditApplicationStatus.MoreInformationNeeded, null);
            case Api.BureauProblems.BureauUnavailable:
                var attempts = (application.GetAttributeValue<int?>(Fields.BureauAttempts) ?? 0) + 1;
                var next = now.Add(retryAfterSeconds is > 0 ? TimeSpan.FromSeconds(retryAfterSeconds.Value) : DefaultRetry);
                var update = new Entity(CreditApplication.EntityLogicalName, application.Id)
                {
                    [Fields.StatusMessage] = $"Waiting for the bureau: it was unavailable at {Time(now)}" + Detail(detail) + $". Attempt {attempts}; the next attempt is at {Time(next)}.",
                    [Fields.BureauAttempts] = attempts,
                    [Fields.NextBureauAttemptOn] = next,
                };
                if (status != CreditApplicationStatus.InAssessment)
                {
                    update[Fields.StatusCode] = new OptionSetValue((int)CreditApplicationStatus.InAssessment);
                }

                system.Update(update);
                return new AssessmentOutcome(CreditApplicationStatus.InAssessment, null);
            default:
                throw new InvalidPluginExecutionException(
                    $"Credit application '{name}': give the bureau report, or the {Api.Request.BureauProblem} ({Api.BureauProblems.CompanyNotFound} or {Api.BureauProblems.BureauUnavailable}); '{problem}' is neither.");
        }
    }

    private static AssessmentOutcome Assess(IOrganizationService system, Entity application, string name, EntityReference reportReference, string? companyId, DateTime now)
    {
        var account = application.GetAttributeValue<EntityReference>(Fields.AccountId)
            ?? throw new InvalidPluginExecutionException($"Credit application '{name}' names no customer account.");
        var report = ReadReport(system, reportReference.Id);
        var registeredName = report.GetAttributeValue<string>(BureauReport.Fields.Name);
        var filedOn = report.GetAttributeValue<EntityReference>(BureauReport.Fields.AccountId);
        var confirmed = BureauIdentity.Confirms([name, account.Name], registeredName);
        if (filedOn is null && confirmed)
        {
            // Controls round 17 (session 24): only a report that does not confirm the applicant is filed on no account.
            throw new InvalidPluginExecutionException(
                $"Bureau report {reportReference.Id} is filed on no account, but the bureau's registered name '{registeredName}' is the applicant's: file it on the account of credit application '{name}', whose Risk score reads it.");
        }

        if (filedOn is not null && filedOn.Id != account.Id)
        {
            throw new InvalidPluginExecutionException($"Bureau report {reportReference.Id} is not a report on the account of credit application '{name}'.");
        }

        // Controls round 9 (session 16): the company the lookup matched becomes the account's bureau company id, so the
        // monitoring job enrols the account by it and never by a registration number typed on the account later.
        var accountCompanyId = (report.GetAttributeValue<AliasedValue>(AccountAlias + "." + Account.Fields.BureauConnectId)?.Value as string)?.Trim();
        var matched = string.IsNullOrWhiteSpace(companyId) ? null : companyId!.Trim();
        if (matched is not null && !string.IsNullOrEmpty(accountCompanyId) && !string.Equals(matched, accountCompanyId, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidPluginExecutionException(
                $"Credit application '{name}': the bureau lookup matched company {matched}, but its account is the bureau's company {accountCompanyId}; "
                + "another company's report is not assessed for it. Check the registration number and the country on the application.");
        }

        // Controls round 13 (session 20): the company the bureau matched is already another account (a number typed another
        // way passed the submission's check): no second limit for it; the application needs more information, no request.
        // Controls round 14 (session 21): in the same query, an account with credit standing whose name and postal code may
        // be the applicant's (no number on file to compare) flags the request for Finance instead (engine LikelyDuplicate).
        var found = ExistingCustomerLookup.Find(
            system,
            name,
            account,
            account.Name ?? name,
            new ApplicationSubject.CompanyIdentity(
                application.GetAttributeValue<string>(Fields.RegistrationNumber), application.GetAttributeValue<string>(Fields.Country), application.GetAttributeValue<string>(Fields.VatNumber), matched ?? accountCompanyId),
            new ExistingCustomerLookup.NameAndAddress(
                [name, account.Name],
                report.GetAttributeValue<string>(BureauReport.Fields.Name),
                application.GetAttributeValue<string>(Fields.PostalCode),
                application.GetAttributeValue<string>(Fields.Country)));
        // Controls round 17 (session 24): nor when the company's bureau reports are on file for another account, which a
        // rep naming the new account and the application after that company (its registered name then agrees) cannot hide.
        if ((found.Refusal ?? CompanyReportsOnFile.Refusal(system, name, account, account.Name ?? name, matched ?? accountCompanyId)) is { } existingCustomer)
        {
            system.Update(new Entity(CreditApplication.EntityLogicalName, application.Id)
            {
                [Fields.StatusCode] = new OptionSetValue((int)CreditApplicationStatus.MoreInformationNeeded),
                [Fields.StatusMessage] = Cut(existingCustomer, 2000),
                [Fields.NextBureauAttemptOn] = null,
            });
            return new AssessmentOutcome(CreditApplicationStatus.MoreInformationNeeded, null);
        }

        var currency = application.GetAttributeValue<EntityReference>(Fields.TransactionCurrencyId)
            ?? throw new InvalidPluginExecutionException($"Credit application '{name}' has no currency.");
        var code = system.Retrieve(TransactionCurrency.EntityLogicalName, currency.Id, new ColumnSet(TransactionCurrency.Fields.ISOCurrencyCode))
            .GetAttributeValue<string>(TransactionCurrency.Fields.ISOCurrencyCode) ?? currency.Id.ToString();
        var rules = ReadRules(system);
        var bureau = BureauReportMapping.ToEngine(report);
        EngineAssessment assessment;
        try
        {
            assessment = CreditApplicationAssessor.Assess(CreditApplicationFactsMapping.ToEngine(application, code), bureau, rules);
        }
        catch (CreditOS.CreditEngine.CreditInputException bad)
        {
            throw new InvalidPluginExecutionException($"Credit application '{name}' cannot be assessed: {bad.Message}", bad);
        }

        // Controls round 16 (session 23): the company the bureau found by the typed registration number must be the applicant
        // (engine BureauIdentity). If its registered name is not, its report may be another company's: Finance decides with
        // its figures and a comment, the rep is shown no score, and the account does not take that company's id.
        // Controls round 17 (session 24): the request's reason, which the sales rep reads, states the mismatch without the
        // bureau's figures or the assessment built on them; Finance reads them in the verification and the secured columns.
        var registrationNumber = application.GetAttributeValue<string>(Fields.RegistrationNumber);
        var country = application.GetAttributeValue<string>(Fields.Country);
        var identity = confirmed ? null : BureauIdentity.Mismatch([name, account.Name], registeredName, registrationNumber, country, Figures(report));
        var flags = identity is null ? found.PossibleDuplicate : Flagged(found.PossibleDuplicate, identity);
        var reason = identity is null
            ? Flagged(flags, assessment.Summary(code) + ". " + FirstReason(assessment))
            : Flagged(found.PossibleDuplicate, BureauIdentity.Mismatch([name, account.Name], registeredName, registrationNumber, country, figures: null)!);
        var verification = Verification(application, report, assessment, rules, code, flags, Codes(found.PossibleDuplicate, identity));
        if (identity is not null)
        {
            // Controls round 22 (session 29): the limit recommended on a report that may be another company's is Finance's
            // to read (the verification is secured), never the request's requested limit, which the rep reads (round 19's
            // profiles: he reads the limit he asked for). The request asks for no figure; Finance approves with the limit
            // she grants (CreditApprovalDecision), within the policy cap, with the comment the mismatch needs.
            verification[RequestFields.Verification] = Cut(
                verification.GetAttributeValue<string>(RequestFields.Verification) + "\nAssessment on these figures (not shown to the sales rep): " + assessment.Summary(code) + ".",
                4000);
        }

        var submittedBy = application.GetAttributeValue<EntityReference>(Fields.SubmittedBy)?.Id;
        var routed = CreditLimitRequestRouter.Route(
            system,
            new CreditLimitRequest(account, CreditApprovalRequestType.InitialLimit, identity is null ? assessment.RecommendedLimit : 0m, Cut(reason, 2000),
                temporaryUntil: null, reviewOn: now.AddMonths(InitialLimitReviewMonths), submittedBy, verification),
            now);
        var request = routed.Request
            ?? throw new InvalidPluginExecutionException($"Credit application '{name}': the initial limit was not sent to Finance.");
        var update = new Entity(CreditApplication.EntityLogicalName, application.Id)
        {
            [Fields.StatusCode] = new OptionSetValue((int)CreditApplicationStatus.InAssessment),
            [Fields.BureauReportId] = reportReference,
            [Fields.BureauCompanyId] = companyId ?? report.GetAttributeValue<string>(BureauReport.Fields.ExternalId),
            [Fields.ApprovalRequestId] = request,
            [Fields.NextBureauAttemptOn] = null,
        };
        if (identity is null)
        {
            update[Fields.Creditworthiness] = assessment.Creditworthiness;
            update[Fields.Recommendation] = new OptionSetValue((int)(assessment.Recommendation == ApplicationRecommendation.Grant ? ApplicationRecommendationChoice.Grant : ApplicationRecommendationChoice.Decline));
            update[Fields.RecommendedLimit] = new Money(assessment.RecommendedLimit);
            update[Fields.RecommendedTermsDays] = assessment.RecommendedTermsDays;
            update[Fields.AssessmentReasons] = Cut(assessment.ReasonText, 4000);
            update[Fields.StatusMessage] = Cut(
                Flagged(found.PossibleDuplicate, $"With Finance since {Time(now)}: {assessment.Summary(code)} (creditworthiness {assessment.Creditworthiness.ToString("0.#", CultureInfo.InvariantCulture)} of 100). Until Finance approves, the customer is on starter terms (prepayment)."),
                2000);
        }
        else
        {
            update[Fields.StatusMessage] = Cut(Flagged(found.PossibleDuplicate, BureauIdentity.HeldForFinance(registeredName, Time(now))), 2000);
        }

        system.Update(update);
        if (identity is null && matched is not null && string.IsNullOrEmpty(accountCompanyId))
        {
            system.Update(new Entity(Account.EntityLogicalName, account.Id) { [Account.Fields.BureauConnectId] = matched });
        }

        return new AssessmentOutcome(CreditApplicationStatus.InAssessment, assessment);
    }

    private static Entity Verification(Entity application, Entity report, EngineAssessment assessment, InitialLimitRules rules, string currency, string? possibleDuplicate, string? reasonCodes)
    {
        var verification = new Entity(CreditApprovalRequest.EntityLogicalName)
        {
            [RequestFields.CreditApplicationId] = application.ToEntityReference(),
            [RequestFields.LimitCap] = new Money(rules.HardCap),
            [RequestFields.Creditworthiness] = assessment.Creditworthiness,
            [RequestFields.RecommendedTermsDays] = assessment.RecommendedTermsDays,
            [RequestFields.BureauSolvencyScore] = report.GetAttributeValue<int?>(BureauReport.Fields.SolvencyScore),
            [RequestFields.BureauRating] = report.GetAttributeValue<OptionSetValue>(BureauReport.Fields.Rating),
            [RequestFields.BureauRecommendedCredit] = report.GetAttributeValue<Money>(BureauReport.Fields.RecommendedCredit),
            [RequestFields.BureauDbtScore] = report.GetAttributeValue<int?>(BureauReport.Fields.DbtScore),
            // A choice, not a yes/no: Dataverse cannot secure a yes/no column for read, and this is Finance's figure (round 18).
            [RequestFields.BureauJudgmentReported] = new OptionSetValue((int)(report.GetAttributeValue<bool>(BureauReport.Fields.HasJudgment) ? BureauJudgmentChoice.Reported : BureauJudgmentChoice.NoneReported)),
            [RequestFields.ApplicantRevenue] = application.GetAttributeValue<Money>(Fields.AnnualRevenue),
            [RequestFields.ApplicantEquity] = application.GetAttributeValue<Money>(Fields.Equity),
            [RequestFields.ApplicantCurrentRatio] = application.GetAttributeValue<decimal?>(Fields.CurrentRatio),
            [RequestFields.ApplicantYearsTrading] = application.GetAttributeValue<int?>(Fields.YearsTrading),
            [RequestFields.Verification] = Cut(
                Flagged(possibleDuplicate, string.Empty) + "Applicant: " + application.GetAttributeValue<string>(Fields.Name) + ", registration " + application.GetAttributeValue<string>(Fields.RegistrationNumber)
                + (application.GetAttributeValue<string>(Fields.VatNumber) is { Length: > 0 } vat ? ", VAT " + vat : string.Empty)
                + ", " + application.GetAttributeValue<string>(Fields.Country) + ". Requested " + CreditOS.CreditEngine.MoneyText.Format(currency, application.MoneyOrZero(Fields.RequestedLimit))
                + " on net " + (application.GetAttributeValue<int?>(Fields.RequestedTermsDays) ?? 0) + ".\n"
                + "References: " + CreditApplicationFactsMapping.DescribeReferences(application) + "\n"
                + assessment.ReasonText,
                4000),
        };
        if (reasonCodes is not null)
        {
            // Fixed with the request (ApprovalRequestGuard): the decision path asks for a comment on its approval.
            verification[RequestFields.ReasonCode] = reasonCodes;
        }

        return verification;
    }

    /// <summary>The request's reason codes: a possible duplicate, an identity the bureau did not confirm; null for neither.</summary>
    private static string? Codes(string? possibleDuplicate, string? identity)
    {
        var codes = new List<string>();
        if (possibleDuplicate is not null)
        {
            codes.Add(LikelyDuplicate.ReasonCode);
        }

        if (identity is not null)
        {
            codes.Add(BureauIdentity.ReasonCode);
        }

        return codes.Count == 0 ? null : string.Join(",", codes);
    }

    /// <summary>The report's figures as the identity flag states them.</summary>
    private static BureauIdentity.BureauFigures Figures(Entity report) => new(
        report.GetAttributeValue<OptionSetValue>(BureauReport.Fields.Rating) is { } rating ? ((BureauReportRating)rating.Value).ToString() : "none",
        report.GetAttributeValue<int?>(BureauReport.Fields.SolvencyScore)?.ToString(CultureInfo.InvariantCulture) ?? "none",
        report.GetAttributeValue<Money>(BureauReport.Fields.RecommendedCredit) is { } credit ? ApprovalText.Amount(credit.Value) : "none",
        report.GetAttributeValue<bool>(BureauReport.Fields.HasJudgment));

    /// <summary>The possible duplicate's flag first, then the text (Finance reads the flag before the recommendation).</summary>
    private static string Flagged(string? possibleDuplicate, string text) =>
        possibleDuplicate is null ? text : possibleDuplicate + (text.Length == 0 ? "\n" : " " + text);

    /// <summary>The report with its account's bureau company id joined, in one query (as the Retrieve it replaces).</summary>
    private static Entity ReadReport(IOrganizationService system, Guid reportId)
    {
        var query = new QueryExpression(BureauReport.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(
                BureauReport.Fields.AccountId, BureauReport.Fields.ReportDate, BureauReport.Fields.SolvencyScore, BureauReport.Fields.Rating,
                BureauReport.Fields.RecommendedCredit, BureauReport.Fields.DbtScore, BureauReport.Fields.HasJudgment, BureauReport.Fields.HasLien, BureauReport.Fields.ExternalId,
                BureauReport.Fields.Name),
            TopCount = 1,
        };
        query.Criteria.AddCondition(BureauReport.Fields.BureauReportId, ConditionOperator.Equal, reportId);
        var account = query.AddLink(Account.EntityLogicalName, BureauReport.Fields.AccountId, Account.Fields.AccountId, JoinOperator.LeftOuter);
        account.EntityAlias = AccountAlias;
        account.Columns = new ColumnSet(Account.Fields.BureauConnectId);
        return system.RetrieveMultiple(query).Entities.FirstOrDefault()
            ?? throw new InvalidPluginExecutionException($"Bureau report {reportId} does not exist.");
    }

    private static InitialLimitRules ReadRules(IOrganizationService system)
    {
        var query = new QueryExpression(CreditPolicy.EntityLogicalName) { ColumnSet = new ColumnSet(CreditPolicy.Fields.HardCap, CreditPolicy.Fields.PaymentTermsDays), TopCount = 1 };
        query.Criteria.AddCondition(CreditPolicy.Fields.Code, ConditionOperator.Equal, InitialLimitPolicyCode);
        query.Criteria.AddCondition(CreditPolicy.Fields.StateCode, ConditionOperator.Equal, (int)CreditPolicyState.Active);
        var policy = system.RetrieveMultiple(query).Entities.FirstOrDefault()
            ?? throw new InvalidPluginExecutionException($"No active credit policy with code {InitialLimitPolicyCode}: its hard cap and terms bound initial limits.");
        return new InitialLimitRules
        {
            HardCap = policy.MoneyOrZero(CreditPolicy.Fields.HardCap),
            PolicyTermsDays = policy.GetAttributeValue<int?>(CreditPolicy.Fields.PaymentTermsDays) ?? 0,
        };
    }

    private static string FirstReason(EngineAssessment assessment) => assessment.Reasons.Count > 0 ? assessment.Reasons[0] : string.Empty;

    private static string Detail(string? detail) => string.IsNullOrWhiteSpace(detail) ? string.Empty : " (" + detail!.Trim() + ")";

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Cut(string text, int max) => text.Length <= max ? text : text.Substring(0, max - 1) + "…";
}

/// <summary>Where the application stands after the bureau lookup was recorded, and the engine's assessment when there was a report.</summary>
public sealed record AssessmentOutcome(CreditApplicationStatus Status, EngineAssessment? Assessment);
