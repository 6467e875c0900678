extern alias plugins;
extern alias workflows;

using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Builders;

/// <summary>
/// A local Dataverse with the creditOS plugin assembly registered from its attributes (or only the plugins named),
/// the solution's approval data, the USD and EUR currencies and the standard configuration: the ground every credit test stands on.
/// </summary>
internal sealed partial class CreditWorld : IDisposable
{
    private CreditWorld(DataverseTestContext context)
    {
        Context = context;
        Service = context.Dataverse.GetOrganizationService();

        // The solution's approval data (queues, default route, environment variables): a rescoring may raise a limit review.
        ApprovalsSolutionData.Import(context.Dataverse, Service);
        CurrencyBuilder.CreateEuro(Service);
        foreach (var row in plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationRecords.SeedRows(
            plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration.Create(), CreditTestIds.PolicyId, CreditTestIds.TierId))
        {
            Service.Create(row);
        }
    }

    public DataverseTestContext Context { get; }

    /// <summary>
    /// SYSTEM: the setup loads credit figures (limits, balances, holds) as the credit flow and an ERP migration do;
    /// people act through <c>Context.As(user)</c>, where the credit-column guard refuses them.
    /// </summary>
    public IOrganizationService Service { get; }

    public LocalDataverse.LocalDataverse Dataverse => Context.Dataverse;

    public static Type PluginAssemblyMarker => typeof(plugins::CreditOS.Plugins.OrderCreditCheckPlugin);

    /// <summary>A local Dataverse whose base currency is the credit tests' US Dollar (CreditTestIds.Usd), as an environment set up in USD.</summary>
    private static DataverseTestBuilder Ground() => DataverseTestBuilder.ALocalDataverse().WithBaseCurrency(CurrencyBuilder.UsDollarBase);

    /// <summary>Every plugin of the assembly registered, as the solution deploys them.</summary>
    public static CreditWorld WithAllPlugins() =>
        new(Ground().WithPluginAssembly(PluginAssemblyMarker.Assembly).Build());

    /// <summary>Every plugin of the assembly, with asynchronous steps waiting for <c>Dataverse.RunPendingAsyncOperations()</c>: what a synchronous step decided can be seen before the asynchronous ones run.</summary>
    public static CreditWorld WithAllPluginsQueuingAsyncSteps() =>
        new(Ground().WithPluginAssembly(PluginAssemblyMarker.Assembly).WithQueuedAsyncSteps().Build());

    /// <summary>
    /// Every plugin of both assemblies (the approval plug-ins and Custom APIs live in the workflow assembly) and the
    /// solution's processes active: an order goes from the check to Finance's queue and decision as deployed.
    /// </summary>
    public static CreditWorld WithPluginsAndApprovals() => WithPluginsAndApprovals(queueAsyncWork: false);

    /// <summary>
    /// As <see cref="WithPluginsAndApprovals()"/>, with background processes and asynchronous steps waiting for
    /// <c>Dataverse.RunPendingAsyncOperations()</c>, as Dataverse runs them some time after the save that started them.
    /// </summary>
    public static CreditWorld WithPluginsAndApprovalsQueuingAsyncWork() => WithPluginsAndApprovals(queueAsyncWork: true);

    private static CreditWorld WithPluginsAndApprovals(bool queueAsyncWork)
    {
        var workflows = typeof(workflows::CreditOS.Workflows.Plugins.DecideCreditApprovalPlugin).Assembly;
        var builder = Ground().WithPluginAssembly(PluginAssemblyMarker.Assembly).WithPluginAssembly(workflows);
        var world = new CreditWorld((queueAsyncWork ? builder.WithQueuedAsyncSteps() : builder).Build());
        world.Dataverse.ActivateProcesses([workflows]);
        return world;
    }

    public static CreditWorld WithPlugins(params Type[] pluginTypes)
    {
        var builder = Ground().WithLockTimeout(TimeSpan.FromSeconds(20));
        var context = builder.Build();
        foreach (var type in pluginTypes)
        {
            context.Dataverse.RegisterPlugin(type);
        }

        return new CreditWorld(context);
    }

    public Entity Account(Guid id) => Service.Retrieve(plugins::CreditOS.Dataverse.Model.Account.EntityLogicalName, id, new ColumnSet(true));

    public Entity Order(Guid id) => Service.Retrieve(SalesOrder.EntityLogicalName, id, new ColumnSet(true));

    /// <summary>An order's credit status (<c>cos_creditstatus</c>).</summary>
    public int CreditStatusOf(Guid order) => Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;

    public decimal AccountMoney(Guid id, string column) => Account(id).GetAttributeValue<Money>(column)?.Value ?? 0m;

    public decimal OpenOrders(Guid accountId) => AccountMoney(accountId, plugins::CreditOS.Dataverse.Model.Account.Fields.OpenOrders);

    public int CountOrders() => Dataverse.Count(SalesOrder.EntityLogicalName);

    /// <summary>How many lines (<c>salesorderdetail</c>) an order has.</summary>
    public int LinesOf(Guid order)
    {
        var query = new QueryExpression(plugins::CreditOS.Dataverse.Model.SalesOrderDetail.EntityLogicalName) { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition(plugins::CreditOS.Dataverse.Model.SalesOrderDetail.Fields.SalesOrderId, ConditionOperator.Equal, order);
        return Service.RetrieveMultiple(query).Entities.Count;
    }

    /// <summary>The executions of one plugin type since the last <see cref="ForgetExecutions"/>.</summary>
    public IReadOnlyList<LocalDataverse.Pipeline.PluginExecution> ExecutionsOf(Type pluginType) =>
        Dataverse.PluginExecutions.Where(e => e.PluginType == pluginType).ToList();

    public void ForgetExecutions() => Dataverse.ClearPluginExecutions();

    /// <summary>
    /// The environment's value of one of the solution's environment variables (as an administrator sets it in the
    /// environment, or a deployment settings file does), written as SYSTEM: no creditOS role writes environment variables.
    /// </summary>
    public void SetEnvironmentValue(string schemaName, string value)
    {
        var byName = new QueryByAttribute("environmentvariabledefinition") { ColumnSet = new ColumnSet("schemaname") };
        byName.AddAttributeValue("schemaname", schemaName);
        var definition = Service.RetrieveMultiple(byName).Entities.Single();
        Service.Create(new Entity("environmentvariablevalue")
        {
            ["schemaname"] = schemaName,
            ["value"] = value,
            ["environmentvariabledefinitionid"] = definition.ToEntityReference(),
        });
    }

    /// <summary>
    /// An environment whose administrators chose to change the scoring rule set in force alone
    /// (<c>cos_ConfigurationFourEyes</c> = no, controls round 13): for tests of what a change does, not of who may make it.
    /// </summary>
    public CreditWorld WithoutConfigurationFourEyes()
    {
        SetEnvironmentValue("cos_ConfigurationFourEyes", "no");
        return this;
    }

    public void Dispose() => Context.Dispose();
}
