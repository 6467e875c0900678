using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace CreditOS.LocalServiceBus;

/// <summary>
/// The claims-based security node: <c>put-token</c> with a SAS or local development token for an audience (an entity
/// URI). A valid token grants the connection its rights on that entity until it expires; anything else is answered 401.
/// </summary>
internal sealed class CbsNode(TokenValidator validator, ReplyLinks replies)
{
    public const string Address = "$cbs";

    public void AttachRequests(ReceivingAmqpLink link)
    {
        var connection = link.Session.Connection;
        link.RegisterMessageListener(request =>
        {
            AmqpMessage response;
            try
            {
                response = PutToken(connection, request);
            }
            catch (TokenRejectedException rejected)
            {
                response = Status(401, rejected.Message);
            }

            link.AcceptMessage(request, false);
            replies.Respond(request, response);
            request.Dispose();
        });
    }

    private AmqpMessage PutToken(AmqpConnection connection, AmqpMessage request)
    {
        var properties = request.ApplicationProperties?.Map;
        var operation = properties?["operation"] as string;
        if (operation != "put-token")
        {
            return Status(501, $"$cbs supports put-token only, not '{operation}'.");
        }

        var type = properties!["type"] as string ?? string.Empty;
        var audience = properties["name"] as string;
        var token = request.ValueBody?.Value as string;
        if (audience is null || token is null)
        {
            return Status(400, "put-token needs 'name' (the audience) and the token as the body.");
        }

        ConnectionAccess.Of(connection).Grant(validator.Validate(type, token, audience));
        return Status(202, "Accepted");
    }

    private static AmqpMessage Status(int code, string description)
    {
        var response = AmqpMessage.Create();
        response.ApplicationProperties = new ApplicationProperties();
        response.ApplicationProperties.Map["status-code"] = code;
        response.ApplicationProperties.Map["status-description"] = description;
        return response;
    }
}
