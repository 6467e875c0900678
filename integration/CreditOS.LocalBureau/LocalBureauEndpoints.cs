using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static CreditOS.LocalBureau.LocalBureauResponses;

namespace CreditOS.LocalBureau;

/// <summary>The bureau's API under <c>/v1</c> and a minimal portal page per company.</summary>
internal static class LocalBureauEndpoints
{
    public static void Map(WebApplication app, LocalBureauState state, LocalTokens tokens, LocalBureauOptions options)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/authenticate", async (HttpContext context) =>
        {
            var credentials = await ReadAsync<Credentials>(context).ConfigureAwait(false);
            if (credentials?.Username != options.UserName || credentials.Password != options.Password)
            {
                return Results.Json(Error("Invalid username or password."), statusCode: StatusCodes.Status401Unauthorized);
            }

            state.Authentications++;
            return Results.Json(new { token = tokens.Issue(credentials.Username) });
        });

        var api = v1.MapGroup(string.Empty).AddEndpointFilter(async (context, next) => await GuardAsync(context, next, state, tokens).ConfigureAwait(false));
        api.MapGet("/companies", (string? countries, string? regNo, string? vatNo, string? name, int? page, int? pageSize) =>
        {
            if (string.IsNullOrWhiteSpace(countries) || (regNo is null && vatNo is null && name is null))
            {
                return Results.Json(Error("Invalid search criteria.", "countries and one of regNo, vatNo, name are required."), statusCode: StatusCodes.Status400BadRequest);
            }

            var size = Math.Clamp(pageSize ?? 10, 1, 200);
            var number = Math.Max(page ?? 1, 1);
            var found = state.Search(countries, regNo, vatNo, name);
            return Results.Json(new { correlationId = Guid.NewGuid().ToString(), totalSize = found.Count, companies = found.Skip((number - 1) * size).Take(size).Select(SearchItem) });
        });

        api.MapGet("/companies/{connectId}", (string connectId) =>
        {
            var company = state.Find(connectId);
            if (company is null)
            {
                return Results.Json(Error("Company not found.", $"No company with connectId {connectId}."), statusCode: StatusCodes.Status404NotFound);
            }

            var now = state.Clock.GetUtcNow();
            return Results.Json(state.Faults.MalformedReports.Contains(connectId) ? MalformedReport(company, now) : Report(company, now));
        });

        api.MapGet("/monitoring/portfolios", () =>
        {
            var portfolios = state.Portfolios();
            return Results.Json(new { portfolios = portfolios.Select(Portfolio), totalCount = portfolios.Count });
        });

        api.MapPost("/monitoring/portfolios", async (HttpContext context) =>
        {
            var request = await ReadAsync<NewPortfolio>(context).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(request?.Name))
            {
                return Results.Json(Error("A portfolio needs a name."), statusCode: StatusCodes.Status400BadRequest);
            }

            return Results.Json(Portfolio(state.CreatePortfolio(request.Name, request.IsDefault)), statusCode: StatusCodes.Status201Created);
        });

        api.MapGet("/monitoring/portfolios/{portfolioId:long}/companies", (long portfolioId, int? page, int? pageSize) =>
        {
            if (state.Portfolio(portfolioId) is not { } portfolio)
            {
                return PortfolioNotFound(portfolioId);
            }

            var size = Math.Clamp(pageSize ?? 50, 1, 1000);
            var members = portfolio.Companies.ToList();
            return Results.Json(new
            {
                companies = members.Skip(Math.Max(page ?? 0, 0) * size).Take(size).Select(member => new
                {
                    id = member.ConnectId,
                    name = state.Find(member.ConnectId)?.Name,
                    countryCode = state.Find(member.ConnectId)?.Country,
                    personalReference = member.PersonalReference,
                    dateAdded = member.DateAdded,
                }),
                totalCount = members.Count,
            });
        });

        api.MapPost("/monitoring/portfolios/{portfolioId:long}/companies", async (long portfolioId, HttpContext context) =>
        {
            if (state.Portfolio(portfolioId) is not { } portfolio)
            {
                return PortfolioNotFound(portfolioId);
            }

            var request = await ReadAsync<NewMember>(context).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(request?.Id) || state.Find(request.Id) is null)
            {
                return Results.Json(Error("Company not found.", $"No company with connectId {request?.Id}."), statusCode: StatusCodes.Status404NotFound);
            }

            return state.AddToPortfolio(portfolio, request.Id, request.PersonalReference)
                ? Results.Json(new { message = "Company added to portfolio." }, statusCode: StatusCodes.Status201Created)
                : Results.Json(Error("Company already exists in portfolio.", $"{request.Id} is in portfolio {portfolioId}."), statusCode: StatusCodes.Status409Conflict);
        });

        api.MapDelete("/monitoring/portfolios/{portfolioId:long}/companies/{connectId}", (long portfolioId, string connectId) =>
        {
            if (state.Portfolio(portfolioId) is not { } portfolio)
            {
                return PortfolioNotFound(portfolioId);
            }

            return state.RemoveFromPortfolio(portfolio, connectId)
                ? Results.NoContent()
                : Results.Json(Error("Company not found in portfolio.", $"{connectId} is not in portfolio {portfolioId}."), statusCode: StatusCodes.Status404NotFound);
        });

        api.MapGet("/monitoring/portfolios/{portfolioId:long}/notificationEvents", (long portfolioId, DateTimeOffset? startDate, DateTimeOffset? endDate, int? page, int? pageSize) =>
        {
            if (state.Portfolio(portfolioId) is null)
            {
                return PortfolioNotFound(portfolioId);
            }

            var size = Math.Clamp(pageSize ?? 50, 1, 1000);
            var number = Math.Max(page ?? 0, 0);
            var window = state.EventsOf(portfolioId, startDate ?? DateTimeOffset.MinValue, endDate ?? DateTimeOffset.MaxValue);
            var last = window.Count == 0 ? 0 : (window.Count - 1) / size;
            return Results.Json(new
            {
                totalCount = window.Count,
                data = window.Skip(number * size).Take(size).Select(Event),
                paging = new { size, prev = number > 0 ? number - 1 : (int?)null, next = number < last ? number + 1 : (int?)null, last },
            });
        });

        app.MapGet("/portal/companies/{connectId}", (string connectId) =>
            state.Find(connectId) is { } company
                ? Results.Content($"<!doctype html><title>{WebUtility.HtmlEncode(company.Name)}</title><h1>{WebUtility.HtmlEncode(company.Name)}</h1><p>Connect id {WebUtility.HtmlEncode(company.ConnectId)}; international score {company.Rating}; score {company.Score}/100; recommended credit {company.RecommendedCredit.ToString("N0", CultureInfo.InvariantCulture)} {company.Currency}.</p>", "text/html")
                : Results.NotFound());
    }

    private static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, LocalBureauState state, LocalTokens tokens)
    {
        var http = context.HttpContext;
        state.ApiCalls++;
        var faults = state.Faults;
        if (faults.Unreachable)
        {
            http.Abort();
            return Results.Empty;
        }

        var retryAfter = ((int)Math.Ceiling(faults.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (faults.Down)
        {
            http.Response.Headers.RetryAfter = retryAfter;
            return Results.Json(Error("Service unavailable."), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (faults.TakeFailure())
        {
            return Results.Json(Error("Internal server error."), statusCode: StatusCodes.Status500InternalServerError);
        }

        if (tokens.Problem(http.Request.Headers.Authorization) is { } problem)
        {
            return Results.Json(Error("Unauthorized.", problem), statusCode: StatusCodes.Status401Unauthorized);
        }

        if (faults.TakeThrottle())
        {
            http.Response.Headers.RetryAfter = retryAfter;
            return Results.Json(Error("Too many requests."), statusCode: StatusCodes.Status429TooManyRequests);
        }

        return await next(context).ConfigureAwait(false);
    }

    private static IResult PortfolioNotFound(long portfolioId) =>
        Results.Json(Error("Portfolio not found.", $"No portfolio {portfolioId}."), statusCode: StatusCodes.Status404NotFound);

    private static async Task<T?> ReadAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            return await context.Request.ReadFromJsonAsync<T>(context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Credentials(string? Username, string? Password);

    private sealed record NewPortfolio(string? Name, bool IsDefault);

    private sealed record NewMember(string? Id, string? PersonalReference, string? FreeText);
}
