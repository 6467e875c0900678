namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_configurationactivation</c>: a configuration version put in force or taken out of it (immutable).</summary>
public static class ConfigurationActivation
{
    public const string EntityLogicalName = "cos_configurationactivation";
    public const string EntitySetName = "cos_configurationactivations";
    public const string PrimaryIdAttribute = "cos_configurationactivationid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string ConfigurationActivationId = "cos_configurationactivationid";
        public const string Name = "cos_name";
        public const string ConfigurationTable = "cos_configurationtable";
        public const string ConfigurationRowId = "cos_configurationrowid";
        public const string ConfigurationName = "cos_configurationname";
        public const string Version = "cos_version";
        public const string Activated = "cos_activated";
        public const string ProposedBy = "cos_proposedby";
        public const string ProposedOn = "cos_proposedon";
        public const string LastChangedBy = "cos_lastchangedby";
        public const string ActivatedBy = "cos_activatedby";
        public const string ActivatedOn = "cos_activatedon";
        public const string FourEyes = "cos_foureyes";
        public const string Changes = "cos_changes";
        public const string ContentBy = "cos_contentby";
    }
}
