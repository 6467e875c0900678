using System.Reflection;
using CreditOS.Dataverse.Model;
using CreditOS.LocalDataverse.Pipeline;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;

namespace CreditOS.Cli.Demo.Environment;

/// <summary>
/// Registers the deployable assemblies' plugins in two waves, as an environment is set up: the configuration guards
/// first, so the credit configuration is validated as it is written; every other step after the ERP migration,
/// which in Dataverse runs with those steps turned off.
/// </summary>
internal sealed class PluginRegistration(LocalDataverseEnvironment dataverse, IReadOnlyList<Assembly> assemblies)
{
    private static readonly HashSet<string> ConfigurationTables = new(StringComparer.Ordinal)
    {
        CreditPolicy.EntityLogicalName, CreditTier.EntityLogicalName, ScoringRuleSet.EntityLogicalName, ScoringRule.EntityLogicalName, TierMatrixCell.EntityLogicalName,
    };

    private readonly HashSet<Type> _registered = [];

    public int RegisterConfigurationGuards() => Register(IsConfigurationGuard);

    public int RegisterEverythingElse() => Register(_ => true);

    private int Register(Func<Type, bool> which)
    {
        var count = 0;
        foreach (var type in assemblies.SelectMany(RegistrationReader.PluginTypes).Where(t => !_registered.Contains(t) && which(t)))
        {
            dataverse.RegisterPlugin(type);
            _registered.Add(type);
            count++;
        }

        return count;
    }

    private static bool IsConfigurationGuard(Type pluginType)
    {
        var steps = RegistrationReader.ReadSteps(pluginType);
        return steps.Count > 0 && steps.All(step => ConfigurationTables.Contains(step.PrimaryEntity));
    }
}
