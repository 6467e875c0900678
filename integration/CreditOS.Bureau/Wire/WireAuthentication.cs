namespace CreditOS.Bureau.Wire;

// The JSON shapes of the bureau's API, as its OpenAPI description names them (camelCase). Only what creditOS reads.
internal sealed record AuthenticateRequest(string Username, string Password);

internal sealed record AuthenticateResponse(string? Token);

internal sealed record ErrorResponse(string? CorrelationId, string? Message, string? Details);
