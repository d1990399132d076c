namespace LineGov.Jpki;

/// <summary>The valid_policy_tree of RFC 5280 §6.1.2 (a) and its processing in §6.1.3 (d)–(f), §6.1.4 (a)–(b), §6.1.5 (g).</summary>
internal sealed class PolicyTree
{
    private Node? _root = new(PathExtensions.AnyPolicy, [PathExtensions.AnyPolicy], 0, null);

    public bool IsNull => _root is null;

    /// <summary>§6.1.3 (d): the certificate's policies at depth <paramref name="depth"/>.</summary>
    public void ProcessCertificatePolicies(IReadOnlyList<string> policies, int depth, bool anyPolicyAllowed)
    {
        if (_root is null)
        {
            return;
        }

        var parents = NodesAt(depth - 1);
        foreach (var policy in policies)
        {
            if (policy == PathExtensions.AnyPolicy)
            {
                continue;
            }

            var matched = false;
            foreach (var parent in parents)
            {
                if (parent.ExpectedPolicies.Contains(policy))
                {
                    parent.AddChild(new Node(policy, [policy], depth, parent));
                    matched = true;
                }
            }

            if (!matched)
            {
                foreach (var parent in parents)
                {
                    if (parent.ValidPolicy == PathExtensions.AnyPolicy)
                    {
                        parent.AddChild(new Node(policy, [policy], depth, parent));
                    }
                }
            }
        }

        if (policies.Contains(PathExtensions.AnyPolicy) && anyPolicyAllowed)
        {
            foreach (var parent in parents)
            {
                foreach (var expected in parent.ExpectedPolicies)
                {
                    if (!parent.Children.Exists(c => c.ValidPolicy == expected))
                    {
                        parent.AddChild(new Node(expected, [expected], depth, parent));
                    }
                }
            }
        }

        Prune(depth);
    }

    /// <summary>§6.1.3 (e): a certificate without certificate policies empties the tree.</summary>
    public void Clear() => _root = null;

    /// <summary>§6.1.4 (b): apply policy mappings at depth <paramref name="depth"/>.</summary>
    public void ProcessMappings(IReadOnlyList<(string IssuerDomain, string SubjectDomain)> mappings, int depth, bool mappingAllowed)
    {
        if (_root is null)
        {
            return;
        }

        foreach (var issuerDomain in mappings.Select(m => m.IssuerDomain).Distinct(StringComparer.Ordinal))
        {
            var mapped = mappings.Where(m => m.IssuerDomain == issuerDomain).Select(m => m.SubjectDomain).Distinct(StringComparer.Ordinal).ToList();
            var nodes = NodesAt(depth);
            if (mappingAllowed)
            {
                var matches = nodes.Where(n => n.ValidPolicy == issuerDomain).ToList();
                if (matches.Count > 0)
                {
                    foreach (var node in matches)
                    {
                        node.ExpectedPolicies = [.. mapped];
                    }
                }
                else if (nodes.Find(n => n.ValidPolicy == PathExtensions.AnyPolicy) is { Parent: { } parent })
                {
                    parent.AddChild(new Node(issuerDomain, [.. mapped], depth, parent));
                }
            }
            else
            {
                foreach (var node in nodes.Where(n => n.ValidPolicy == issuerDomain).ToList())
                {
                    node.Parent?.Children.Remove(node);
                }

                Prune(depth);
            }
        }
    }

    /// <summary>§6.1.5 (g): intersect with the user-initial-policy-set; returns the authorities- and user-constrained set.</summary>
    public IReadOnlyList<string> Intersect(IReadOnlyList<string> userInitialPolicySet, int depth)
    {
        if (_root is null)
        {
            return [];
        }

        if (!userInitialPolicySet.Contains(PathExtensions.AnyPolicy))
        {
            var validPolicyNodeSet = AllNodes().Where(n => n.Parent is { ValidPolicy: PathExtensions.AnyPolicy }).ToList();
            foreach (var node in validPolicyNodeSet)
            {
                if (node.ValidPolicy != PathExtensions.AnyPolicy && !userInitialPolicySet.Contains(node.ValidPolicy))
                {
                    node.Parent!.Children.Remove(node);
                }
            }

            var anyLeaf = NodesAt(depth).Find(n => n.ValidPolicy == PathExtensions.AnyPolicy);
            if (anyLeaf is { Parent: { } leafParent })
            {
                var present = NodesAt(depth).Select(n => n.ValidPolicy).ToHashSet(StringComparer.Ordinal);
                foreach (var policy in userInitialPolicySet)
                {
                    if (!present.Contains(policy))
                    {
                        leafParent.AddChild(new Node(policy, [policy], depth, leafParent));
                    }
                }

                leafParent.Children.Remove(anyLeaf);
            }

            Prune(depth);
        }

        if (_root is null)
        {
            return [];
        }

        // The policies as the anchor's domain names them: the valid_policy of each node whose parent is anyPolicy
        // (mapped policies keep their issuer-domain name there), and anyPolicy when it reaches the end of the path.
        var result = AllNodes()
            .Where(n => n.ValidPolicy != PathExtensions.AnyPolicy && n.Parent is { ValidPolicy: PathExtensions.AnyPolicy })
            .Select(n => n.ValidPolicy)
            .ToList();
        if (NodesAt(depth).Exists(n => n.ValidPolicy == PathExtensions.AnyPolicy))
        {
            result.Add(PathExtensions.AnyPolicy);
        }

        return result.Distinct(StringComparer.Ordinal).ToList();
    }

    private List<Node> NodesAt(int depth)
    {
        var result = new List<Node>();
        if (_root is not null)
        {
            Collect(_root, depth, result);
        }

        return result;
    }

    private static void Collect(Node node, int depth, List<Node> into)
    {
        if (node.Depth == depth)
        {
            into.Add(node);
            return;
        }

        foreach (var child in node.Children)
        {
            Collect(child, depth, into);
        }
    }

    private IEnumerable<Node> AllNodes()
    {
        if (_root is null)
        {
            yield break;
        }

        var stack = new Stack<Node>();
        stack.Push(_root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in node.Children)
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>Removes nodes above <paramref name="depth"/> that have no children; the tree becomes NULL when the root goes.</summary>
    private void Prune(int depth)
    {
        if (_root is null)
        {
            return;
        }

        if (PruneNode(_root, depth))
        {
            _root = null;
        }
    }

    private static bool PruneNode(Node node, int depth)
    {
        if (node.Depth >= depth)
        {
            return false;
        }

        node.Children.RemoveAll(child => PruneNode(child, depth));
        return node.Children.Count == 0;
    }

    private sealed class Node(string validPolicy, List<string> expectedPolicies, int depth, Node? parent)
    {
        public string ValidPolicy { get; } = validPolicy;

        public List<string> ExpectedPolicies { get; set; } = expectedPolicies;

        public int Depth { get; } = depth;

        public Node? Parent { get; } = parent;

        public List<Node> Children { get; } = [];

        public void AddChild(Node child) => Children.Add(child);
    }
}
