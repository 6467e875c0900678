using System.Xml.Linq;

namespace CreditOS.Solution.Validation.Schema;

/// <summary>
/// Holds an element and everything below it to the shapes of <see cref="CustomizationsSchema"/>: no unknown child or
/// attribute, children of a sequence in the schema's order, each child at most once, required children present.
/// </summary>
public static class SchemaShapeValidator
{
    /// <summary>
    /// Every problem in <paramref name="root"/> and its descendants. <paramref name="section"/> names the section a source
    /// file's root is packed under (for example "Roles" for a role file), so that its shape is found as it will be packed.
    /// </summary>
    public static IEnumerable<string> Check(XElement root, string? section = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var rootShape = section is null ? CustomizationsSchema.Find(root) : CustomizationsSchema.Find(section, root.Name.LocalName);
        foreach (var element in root.DescendantsAndSelf())
        {
            var shape = element == root ? rootShape : CustomizationsSchema.Find(element);
            if (shape is null)
            {
                continue;
            }

            foreach (var problem in CheckOne(element, shape))
            {
                yield return $"<{element.Name.LocalName}>{Label(element)} {problem}";
            }
        }
    }

    private static IEnumerable<string> CheckOne(XElement element, ElementShape shape)
    {
        if (shape.Attributes is { } allowed)
        {
            foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.Namespace == XNamespace.None))
            {
                if (!allowed.Contains(attribute.Name.LocalName, StringComparer.Ordinal))
                {
                    yield return $"has attribute '{attribute.Name.LocalName}', which the schema does not allow" +
                        (allowed.Count == 0 ? " (its values are child elements)." : $" (allowed: {string.Join(", ", allowed)}).");
                }
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var last = -1;
        string? lastName = null;
        foreach (var child in element.Elements())
        {
            var name = child.Name.LocalName;
            if (!seen.Add(name) && !shape.IsNewer(name))
            {
                yield return $"has <{name}> more than once.";
            }

            if (shape.IsNewer(name))
            {
                continue;
            }

            var position = shape.Position(name);
            if (position < 0)
            {
                yield return $"has <{name}>, which the schema does not allow there.";
                continue;
            }

            if (shape.Ordered && position < last)
            {
                yield return $"has <{name}> after <{lastName}>; the schema's order is {Order(shape, element)}.";
            }
            else
            {
                last = position;
                lastName = name;
            }
        }

        foreach (var required in shape.Required.Where(r => !seen.Contains(r)))
        {
            yield return $"has no <{required}>, which the schema requires.";
        }
    }

    /// <summary>The schema's order, restricted to the children the element has, so the message stays readable.</summary>
    private static string Order(ElementShape shape, XElement element)
    {
        var present = element.Elements().Select(e => e.Name.LocalName).ToHashSet(StringComparer.Ordinal);
        return string.Join(", ", shape.Children.Where(present.Contains));
    }

    private static string Label(XElement element)
    {
        var name = (string?)element.Attribute("Name") ?? (string?)element.Attribute("name") ?? element.Element("Name")?.Value
            ?? element.Element("UniqueName")?.Value ?? element.Element("LogicalName")?.Value ?? element.Element("AttributeName")?.Value;
        return name is null ? string.Empty : $" '{name.Trim()}'";
    }
}
