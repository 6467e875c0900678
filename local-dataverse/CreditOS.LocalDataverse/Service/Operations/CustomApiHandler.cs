using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Pipeline;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>A Custom API message: checks the declared request parameters, runs its plug-in as the main operation and returns the declared response properties.</summary>
internal sealed class CustomApiHandler(RegisteredCustomApi registered) : IMessageHandler
{
    private CustomApiRegistration Api => registered.Api;

    public string MessageName => Api.UniqueName;

    public void Describe(MessageContext context)
    {
        if (Api.BoundEntity is { } bound)
        {
            var target = context.RequireInput<EntityReference>(ParameterNames.Target);
            if (target.LogicalName != bound)
            {
                throw DataverseFault.InvalidArgument($"The Custom API {Api.UniqueName} is bound to '{bound}', not '{target.LogicalName}'.");
            }

            context.PrimaryEntityName = bound;
            context.PrimaryEntityId = target.Id;
        }

        foreach (var parameter in Api.RequestParameters.Where(p => !p.IsOptional))
        {
            if (!context.Input.Contains(parameter.UniqueName))
            {
                throw DataverseFault.InvalidArgument($"Required parameter '{parameter.UniqueName}' of Custom API {Api.UniqueName} is missing.");
            }
        }

        foreach (var (name, value) in context.Input)
        {
            if (Api.BoundEntity is not null && name == ParameterNames.Target)
            {
                continue;
            }

            var declared = Api.RequestParameters.FirstOrDefault(p => p.UniqueName == name)
                ?? throw DataverseFault.InvalidArgument($"The parameter '{name}' is not declared by Custom API {Api.UniqueName}.");
            var expected = CustomApiFieldTypes.ClrType(declared.FieldType);
            if (value is not null && !expected.IsInstanceOfType(value))
            {
                throw DataverseFault.InvalidArgument(
                    $"The parameter '{name}' of Custom API {Api.UniqueName} must be of type {expected.Name}, not {value.GetType().Name}.");
            }
        }
    }

    public void Execute(MessageContext context) =>
        context.Runtime.Invoker.Invoke(new StepInvocation(
            registered.MainOperation,
            context,
            context.RequireTransaction(),
            context.Input,
            context.Output,
            context.SharedVariables,
            new EntityImageCollection(),
            new EntityImageCollection()));

    public OrganizationResponse Respond(MessageContext context)
    {
        var response = new OrganizationResponse { ResponseName = Api.UniqueName };
        foreach (var property in Api.ResponseProperties)
        {
            if (context.Output.TryGetValue(property.UniqueName, out var value))
            {
                response.Results[property.UniqueName] = value;
            }
        }

        return response;
    }
}
