using CreditOS.Solution.Files;

namespace CreditOS.Solution.Metadata.Loading;

/// <summary>A relationship as read, with the file it came from for error messages.</summary>
internal sealed record RelationshipDraft(RelationshipDefinition Definition, string File);

/// <summary>Reads an &lt;EntityRelationships&gt; file (Other/Relationships/*.xml, standard-tables/Relationships.xml).</summary>
internal static class RelationshipXmlReader
{
    public static IEnumerable<RelationshipDraft> Read(ISolutionFileSource files, string path)
    {
        var file = files.Describe(path);
        var root = SolutionXml.Load(files, path).Root;
        if (root is null || root.Name.LocalName != "EntityRelationships")
        {
            throw new SolutionFormatException(file, "the root element must be <EntityRelationships>.");
        }

        foreach (var element in root.Elements("EntityRelationship"))
        {
            var name = (string?)element.Attribute("Name")
                ?? throw new SolutionFormatException(file, $"a relationship{SolutionXml.Where(element)} has no Name.");
            var type = element.RequiredText("EntityRelationshipType", file);
            RelationshipDefinition definition = type switch
            {
                "OneToMany" => new RelationshipDefinition
                {
                    SchemaName = name,
                    Type = RelationshipType.OneToMany,
                    ReferencedTable = element.RequiredText("ReferencedEntityName", file).ToLowerInvariant(),
                    ReferencingTable = element.RequiredText("ReferencingEntityName", file).ToLowerInvariant(),
                    ReferencingAttribute = element.RequiredText("ReferencingAttributeName", file).ToLowerInvariant(),
                    IsStandard = path == SolutionLayout.StandardRelationships,
                    IsHierarchical = (string?)element.Element("IsHierarchical") == "1",
                    CascadeDelete = (string?)element.Element("CascadeDelete") switch
                    {
                        null or "RemoveLink" => CascadeDelete.RemoveLink,
                        "Cascade" => CascadeDelete.Cascade,
                        "Restrict" => CascadeDelete.Restrict,
                        "NoCascade" => CascadeDelete.NoCascade,
                        var other => throw new SolutionFormatException(file, $"relationship '{name}' has unknown <CascadeDelete> '{other}' (Cascade, RemoveLink, Restrict, NoCascade)."),
                    },
                    CascadeAssign = (string?)element.Element("CascadeAssign") switch
                    {
                        null or "NoCascade" => CascadeAssign.NoCascade,
                        "Cascade" => CascadeAssign.Cascade,
                        "Active" => CascadeAssign.Active,
                        "UserOwned" => CascadeAssign.UserOwned,
                        var other => throw new SolutionFormatException(file, $"relationship '{name}' has unknown <CascadeAssign> '{other}' (Cascade, Active, UserOwned, NoCascade)."),
                    },
                },
                "ManyToMany" => new RelationshipDefinition
                {
                    SchemaName = name,
                    Type = RelationshipType.ManyToMany,
                    ReferencedTable = element.RequiredText("FirstEntityName", file).ToLowerInvariant(),
                    ReferencingTable = element.RequiredText("SecondEntityName", file).ToLowerInvariant(),
                    IntersectTable = element.RequiredText("IntersectEntityName", file).ToLowerInvariant(),
                },
                _ => throw new SolutionFormatException(file, $"relationship '{name}' has unknown type '{type}'."),
            };
            yield return new RelationshipDraft(definition, file);
        }
    }
}
