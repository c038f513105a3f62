namespace CaraPlatform.Web.Tests.Support;

/// <summary>What <see cref="TenantSqlCheck"/> found in one command: what is wrong (nothing when it passes) and which tenant tables it touches.</summary>
public sealed record TenantSqlResult(IReadOnlyList<string> Problems, IReadOnlySet<string> TenantTables)
{
    public bool Passes => Problems.Count == 0;
}

/// <summary>
/// Whether an SQL command names its tenant in its own text wherever it touches a tenant table: each FROM, JOIN, UPDATE
/// or DELETE reference of one is constrained by <c>tenant_id = value</c> (or <c>IN</c>/<c>= ANY</c>), or by
/// <c>tenant_id = other.tenant_id</c> where the other reference is so constrained, in an AND of its WHERE or ON; an
/// INSERT into one names the tenant_id column. Row-level security already keeps a session to its tenant, but a database
/// distributed by tenant_id (Citus, DESIGN §2) routes a statement by what the statement itself says.
/// <para>
/// A small parser for the regular SQL EF Core writes, and the app's own few statements: it reads query blocks, their
/// FROM lists and the top-level ANDs of their conditions, and looks into every parenthesised subquery (EXISTS, IN,
/// LATERAL, scalar, derived tables, CTEs) with the outer block's pinned references in view, since EF puts the tenant
/// filter inside each. A condition under an OR pins nothing. A tenant table named anywhere the parser did not read it as
/// a table reference (a statement or clause it does not know) is a problem, never a pass.
/// </para>
/// </summary>
public static class TenantSqlCheck
{
    public const string TenantColumn = "tenant_id";

    public static TenantSqlResult Check(string sql, IReadOnlySet<string> tenantTables)
    {
        var parser = new Parser(Tokenize(sql), tenantTables);
        try
        {
            parser.CheckCommand();
        }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            parser.Problems.Add($"the check could not read the command ({ex.Message})");
        }

        return new TenantSqlResult(parser.Problems, parser.Touched);
    }

    private enum Kind { Word, Quoted, Text, Number, Parameter, Symbol }

    /// <summary>A word is lower-cased (PostgreSQL folds unquoted names); a quoted identifier keeps its case.</summary>
    private readonly record struct Token(Kind Kind, string Text)
    {
        public bool Is(string word) => Kind == Kind.Word && Text == word;

        public bool IsSymbol(string symbol) => Kind == Kind.Symbol && Text == symbol;

        public bool IsName => Kind is Kind.Word or Kind.Quoted;
    }

    private static List<Token> Tokenize(string sql)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            if (char.IsWhiteSpace(c)) i++;
            else if (c == '-' && next == '-') i = EndOf(sql, "\n", i + 2);
            else if (c == '/' && next == '*') i = EndOf(sql, "*/", i + 2);
            else if (c == '\'') tokens.Add(new Token(Kind.Text, Quoted(sql, ref i, '\'')));
            else if (c == '"') tokens.Add(new Token(Kind.Quoted, Quoted(sql, ref i, '"')));
            else if (c is 'E' or 'e' && next == '\'')
            {
                i++;
                tokens.Add(new Token(Kind.Text, Quoted(sql, ref i, '\'')));
            }
            else if (c == '$' && char.IsDigit(next)) tokens.Add(new Token(Kind.Parameter, Run(sql, ref i, 1, char.IsDigit)));
            else if (c == '$' && sql.IndexOf('$', i + 1) > i)
            {
                // A dollar-quoted string ($$...$$ or $tag$...$tag$).
                var tagEnd = sql.IndexOf('$', i + 1);
                var tag = sql[i..(tagEnd + 1)];
                var end = EndOf(sql, tag, tagEnd + 1);
                tokens.Add(new Token(Kind.Text, sql[(tagEnd + 1)..Math.Max(tagEnd + 1, end - tag.Length)]));
                i = end;
            }
            else if (c == '@' && IsNameStart(next)) tokens.Add(new Token(Kind.Parameter, Run(sql, ref i, 1, IsNamePart)));
            else if (IsNameStart(c)) tokens.Add(new Token(Kind.Word, Run(sql, ref i, 0, IsNamePart).ToLowerInvariant()));
            else if (char.IsDigit(c)) tokens.Add(new Token(Kind.Number, Run(sql, ref i, 0, ch => char.IsDigit(ch) || ch == '.')));
            else if ("(),;.[]".Contains(c, StringComparison.Ordinal)) tokens.Add(new Token(Kind.Symbol, sql[i++].ToString()));
            else tokens.Add(new Token(Kind.Symbol, Run(sql, ref i, 0, ch => "+-*/<>=~!@#%^&|`?:".Contains(ch, StringComparison.Ordinal))));
        }

        return tokens;
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    private static int EndOf(string sql, string terminator, int from)
    {
        var at = sql.IndexOf(terminator, from, StringComparison.Ordinal);
        return at < 0 ? sql.Length : at + terminator.Length;
    }

    private static string Run(string sql, ref int i, int skip, Func<char, bool> part)
    {
        var start = i;
        i += skip;
        while (i < sql.Length && part(sql[i])) i++;
        if (i == start) i++; // an operator character no rule knows: one token of its own
        return sql[start..i];
    }

    private static string Quoted(string sql, ref int i, char quote)
    {
        var text = new StringBuilder();
        for (i++; i < sql.Length; i++)
        {
            if (sql[i] != quote) text.Append(sql[i]);
            else if (i + 1 < sql.Length && sql[i + 1] == quote) text.Append(sql[++i]);
            else break;
        }

        i++;
        return text.ToString();
    }

    /// <summary>Tokens from Start up to (not including) End.</summary>
    private readonly record struct Slice(int Start, int End);

    /// <summary>A query block's references and where to look for conditions and subqueries, as token ranges.</summary>
    private sealed class Block
    {
        public List<(string Table, string Alias)> TenantTables { get; } = [];

        public List<(string Alias, Slice Query, bool Lateral)> Derived { get; } = [];

        public List<Slice> Conditions { get; } = [];

        public List<Slice> Expressions { get; } = [];
    }

    private sealed class Parser(List<Token> tokens, IReadOnlySet<string> tenantTables)
    {
        private static readonly HashSet<string> JoinWords = ["join", "inner", "left", "right", "full", "cross", "natural", "outer"];

        // Words that end a FROM item, so are never its alias.
        private static readonly HashSet<string> NotAnAlias =
        [
            "where", "join", "inner", "left", "right", "full", "cross", "natural", "outer", "on", "using", "group", "order", "limit",
            "offset", "fetch", "for", "having", "window", "union", "intersect", "except", "returning", "set", "as", "with", "lateral",
            "tablesample", "values", "select", "default",
        ];

        private static readonly HashSet<string> SelectClauses = ["from", "where", "group", "having", "window", "order", "limit", "offset", "fetch", "for"];

        // Words in a value that are not columns: CAST(@p AS uuid), = ANY (@p), current_setting('...', true).
        private static readonly HashSet<string> ValueWords = ["as", "any", "array", "true", "false", "null"];

        private readonly int[] _match = Matches(tokens);

        // Where the parser read a table name, to find tenant tables it did not.
        private readonly HashSet<int> _tablesRead = [];

        public List<string> Problems { get; } = [];

        public HashSet<string> Touched { get; } = new(StringComparer.Ordinal);

        public void CheckCommand()
        {
            var start = 0;
            for (var i = 0; i <= tokens.Count; i++)
            {
                if (i < tokens.Count && !tokens[i].IsSymbol(";")) continue;
                if (i > start) CheckStatement(new Slice(start, i), new HashSet<string>());
                start = i + 1;
            }

            CheckEveryTenantTableWasRead();
        }

        private static int[] Matches(List<Token> tokens)
        {
            var match = new int[tokens.Count];
            var open = new Stack<int>();
            for (var i = 0; i < tokens.Count; i++)
            {
                match[i] = -1;
                if (tokens[i].IsSymbol("(")) open.Push(i);
                else if (tokens[i].IsSymbol(")") && open.TryPop(out var from)) (match[from], match[i]) = (i, from);
            }

            return match;
        }

        private Token At(int i) => i < tokens.Count ? tokens[i] : new Token(Kind.Symbol, "");

        /// <summary>The index after the token at <paramref name="i"/>, or after its parenthesised group.</summary>
        private int Skip(int i) => tokens[i].IsSymbol("(") && _match[i] > i ? _match[i] + 1 : i + 1;

        private bool IsQuery(int i) => At(i).Is("select") || At(i).Is("with") || At(i).Is("values") || (At(i).IsSymbol("(") && IsQuery(i + 1));

        private void CheckStatement(Slice r, IReadOnlySet<string> outer)
        {
            var first = At(r.Start);
            if (first.Is("insert")) CheckInsert(r, outer);
            else if (first.Is("update")) CheckBlock(ParseUpdate(r), outer);
            else if (first.Is("delete")) CheckBlock(ParseDelete(r), outer);
            else if (IsQuery(r.Start)) CheckQuery(r, outer);
        }

        /// <summary>A tenant table's name the parser did not read as a table (not a qualified column, nor an alias after AS).</summary>
        private void CheckEveryTenantTableWasRead()
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                if (tokens[i].IsName && tenantTables.Contains(tokens[i].Text) && !_tablesRead.Contains(i)
                    && !(At(i - 1).IsSymbol(".") && !At(i - 2).Is("public")) && !At(i + 1).IsSymbol(".") && !At(i - 1).Is("as"))
                    Problems.Add($"{tokens[i].Text} is named where the check reads no table reference");
            }
        }

        /// <summary>A query expression: WITH, then blocks joined by UNION/INTERSECT/EXCEPT. True when it touches tenant tables and pins them all.</summary>
        private bool CheckQuery(Slice r, IReadOnlySet<string> outer)
        {
            var problemsBefore = Problems.Count;
            var i = r.Start;
            if (At(i).Is("with")) i = CheckWith(i + 1, r.End, outer);
            var part = i;
            var pinnedEverywhere = true;
            for (; i <= r.End; i = i < r.End ? Skip(i) : i + 1)
            {
                if (i < r.End && !(At(i).Is("union") || At(i).Is("intersect") || At(i).Is("except"))) continue;
                pinnedEverywhere &= CheckQueryPart(new Slice(part, i), outer);
                part = i + 1;
                while (At(part).Is("all") || At(part).Is("distinct")) part++;
            }

            return pinnedEverywhere && Problems.Count == problemsBefore;
        }

        private bool CheckQueryPart(Slice r, IReadOnlySet<string> outer)
        {
            var s = r.Start;
            if (s >= r.End) return false;
            if (At(s).IsSymbol("(") && _match[s] + 1 >= r.End) return CheckQuery(new Slice(s + 1, _match[s]), outer);
            if (At(s).Is("select")) return CheckBlock(ParseSelect(r), outer);
            FindSubqueries(r, outer); // VALUES
            return false;
        }

        /// <summary>CTEs are queries of their own (or data-modifying statements); returns where the main query starts.</summary>
        private int CheckWith(int i, int end, IReadOnlySet<string> outer)
        {
            if (At(i).Is("recursive")) i++;
            while (i < end)
            {
                while (i < end && !At(i).Is("as")) i = Skip(i);
                i++;
                while (At(i).Is("not") || At(i).Is("materialized")) i++;
                if (!At(i).IsSymbol("(")) return i;
                CheckStatement(new Slice(i + 1, _match[i]), outer);
                i = _match[i] + 1;
                if (!At(i).IsSymbol(",")) return i;
                i++;
            }

            return i;
        }

        private void CheckInsert(Slice r, IReadOnlySet<string> outer)
        {
            var i = r.Start + 1;
            if (At(i).Is("into")) i++;
            var (table, isTenant, after) = TableName(i);
            i = after;
            if (At(i).Is("as")) i += 2;
            var namesTenant = false;
            if (At(i).IsSymbol("(") && !IsQuery(i + 1))
            {
                for (var c = i + 1; c < _match[i]; c++) namesTenant |= At(c).IsName && At(c).Text == TenantColumn;
                i = _match[i] + 1;
            }

            if (isTenant)
            {
                Touched.Add(table);
                if (!namesTenant) Problems.Add($"INSERT INTO {table} does not insert {TenantColumn}");
            }

            // The rows' source: VALUES (subqueries in them) or a query; ON CONFLICT acts on the conflicting row of the same key.
            var sourceEnd = i;
            while (sourceEnd < r.End && !At(sourceEnd).Is("on") && !At(sourceEnd).Is("returning")) sourceEnd = Skip(sourceEnd);
            if (IsQuery(i) && !At(i).Is("values")) CheckQuery(new Slice(i, sourceEnd), outer);
            else FindSubqueries(new Slice(i, sourceEnd), outer);
            FindSubqueries(new Slice(sourceEnd, r.End), outer);
        }

        private Block ParseSelect(Slice r)
        {
            var block = new Block();
            var clauses = Clauses(r, SelectClauses);
            foreach (var (word, range) in clauses)
            {
                if (word == "from") ParseFromList(range, block);
                else if (word == "where") block.Conditions.Add(range);
                else block.Expressions.Add(range); // the select list, GROUP BY, HAVING, ORDER BY...
            }

            return block;
        }

        private Block ParseUpdate(Slice r)
        {
            var block = new Block();
            var i = ParseFromItem(r.Start + 1, r.End, block);
            foreach (var (word, range) in Clauses(new Slice(i, r.End), ["set", "from", "where", "returning"]))
            {
                if (word == "from") ParseFromList(range, block);
                else if (word == "where") block.Conditions.Add(range);
                else block.Expressions.Add(range);
            }

            return block;
        }

        private Block ParseDelete(Slice r)
        {
            var block = new Block();
            var i = r.Start + 1;
            if (At(i).Is("from")) i++;
            i = ParseFromItem(i, r.End, block);
            foreach (var (word, range) in Clauses(new Slice(i, r.End), ["using", "where", "returning"]))
            {
                if (word == "using") ParseFromList(range, block);
                else if (word == "where") block.Conditions.Add(range);
                else block.Expressions.Add(range);
            }

            return block;
        }

        /// <summary>The range splits at each top-level clause word; the first part (before any clause) is named by the range's own first word.</summary>
        private List<(string Word, Slice Slice)> Clauses(Slice r, IReadOnlyCollection<string> words)
        {
            var clauses = new List<(string, Slice)>();
            var word = At(r.Start).Text;
            var from = r.Start + 1;
            for (var i = from; i <= r.End; i = i < r.End ? Skip(i) : i + 1)
            {
                var isClause = i < r.End && At(i).Kind == Kind.Word && words.Contains(At(i).Text)
                    && !(At(i).Is("from") && At(i - 1).Is("distinct")); // IS DISTINCT FROM
                if (i < r.End && !isClause) continue;
                clauses.Add((word, new Slice(from, i)));
                if (i == r.End) break;
                word = At(i).Text;
                from = i + 1;
                while (At(from).Is("by")) from++;
            }

            return clauses;
        }

        private void ParseFromList(Slice r, Block block)
        {
            var i = r.Start;
            while (i < r.End)
            {
                var t = At(i);
                if (t.IsSymbol(",") || (t.Kind == Kind.Word && JoinWords.Contains(t.Text))) i++;
                else if (t.Is("on"))
                {
                    var end = i + 1;
                    while (end < r.End && !At(end).IsSymbol(",") && !(At(end).Kind == Kind.Word && JoinWords.Contains(At(end).Text) && !At(end + 1).IsSymbol("(")))
                        end = Skip(end);
                    block.Conditions.Add(new Slice(i + 1, end));
                    i = end;
                }
                else if (t.Is("using")) i = Skip(i + 1);
                else i = ParseFromItem(i, r.End, block);
            }
        }

        /// <summary>One FROM item (a table, a derived table, a function, a parenthesised join) with its alias; returns the index after it.</summary>
        private int ParseFromItem(int i, int end, Block block)
        {
            var lateral = false;
            while (At(i).Is("lateral") || At(i).Is("only"))
            {
                lateral |= At(i).Is("lateral");
                i++;
            }

            string? table = null;
            var isTenant = false;
            Slice? derived = null;
            if (At(i).IsSymbol("(") && IsQuery(i + 1))
            {
                derived = new Slice(i + 1, _match[i]);
                i = _match[i] + 1;
            }
            else if (At(i).IsSymbol("("))
            {
                ParseFromList(new Slice(i + 1, _match[i]), block);
                i = _match[i] + 1;
            }
            else if (At(i).IsName && At(i + 1).IsSymbol("("))
            {
                block.Expressions.Add(new Slice(i + 2, _match[i + 1])); // a function's arguments
                i = _match[i + 1] + 1;
            }
            else if (At(i).IsName) (table, isTenant, i) = TableName(i);
            else return i + 1;

            var alias = table;
            var saysAs = At(i).Is("as");
            if (saysAs) i++;
            if (i < end && At(i).IsName && (saysAs || !(At(i).Kind == Kind.Word && NotAnAlias.Contains(At(i).Text))))
            {
                alias = At(i).Text;
                i++;
            }

            if (At(i).IsSymbol("(")) i = Skip(i); // column aliases
            if (derived is { } query) block.Derived.Add((alias ?? "", query, lateral));
            if (isTenant) block.TenantTables.Add((table!, alias!));
            return i;
        }

        /// <summary>A possibly schema-qualified table name; only unqualified or public names can be tenant tables.</summary>
        private (string Table, bool IsTenant, int After) TableName(int i)
        {
            var qualified = At(i + 1).IsSymbol(".") && At(i + 2).IsName;
            var name = qualified ? i + 2 : i;
            _tablesRead.Add(name);
            return (At(name).Text, (!qualified || At(i).Text == "public") && tenantTables.Contains(At(name).Text), name + 1);
        }

        /// <summary>Checks a block and the subqueries in it; true when it touches tenant tables and pins every one.</summary>
        private bool CheckBlock(Block block, IReadOnlySet<string> outer)
        {
            var problemsBefore = Problems.Count;
            var pinned = new HashSet<string>(outer, StringComparer.Ordinal);
            var touchesTenant = block.TenantTables.Count > 0;
            // Derived tables see only the enclosing blocks; LATERAL ones also see this one, so they wait until it is pinned.
            foreach (var (alias, query, _) in block.Derived.Where(d => !d.Lateral))
            {
                var derivedPinned = CheckQuery(query, outer);
                touchesTenant |= derivedPinned;
                if (derivedPinned) pinned.Add(alias);
            }

            var (direct, anyUnqualified, joins) = Constraints(block.Conditions);
            pinned.UnionWith(direct);
            if (anyUnqualified) pinned.UnionWith(block.TenantTables.Select(t => t.Alias));
            for (var changed = true; changed;)
            {
                changed = false;
                foreach (var (a, b) in joins)
                {
                    if (pinned.Contains(a) && pinned.Add(b)) changed = true;
                    if (pinned.Contains(b) && pinned.Add(a)) changed = true;
                }
            }

            foreach (var (table, alias) in block.TenantTables)
            {
                Touched.Add(table);
                if (!pinned.Contains(alias))
                    Problems.Add(alias == table ? $"{table} has no {TenantColumn} condition" : $"{table} AS {alias} has no {TenantColumn} condition");
            }

            foreach (var (_, query, _) in block.Derived.Where(d => d.Lateral)) touchesTenant |= CheckQuery(query, pinned);
            foreach (var range in block.Conditions.Concat(block.Expressions)) FindSubqueries(range, pinned);
            return touchesTenant && Problems.Count == problemsBefore;
        }

        private void FindSubqueries(Slice r, IReadOnlySet<string> outer)
        {
            for (var i = r.Start; i < r.End; i = Skip(i))
            {
                if (!At(i).IsSymbol("(") || _match[i] < 0) continue;
                var inner = new Slice(i + 1, _match[i]);
                if (IsQuery(i + 1)) CheckQuery(inner, outer);
                else if (At(i + 1).Is("insert") || At(i + 1).Is("update") || At(i + 1).Is("delete")) CheckStatement(inner, outer);
                else FindSubqueries(inner, outer);
            }
        }

        /// <summary>
        /// From the top-level ANDs of the conditions: aliases whose tenant_id equals a value, whether a bare tenant_id does,
        /// and pairs of aliases whose tenant_ids are equal.
        /// </summary>
        private (HashSet<string> Direct, bool AnyUnqualified, List<(string, string)> Joins) Constraints(IEnumerable<Slice> conditions)
        {
            var direct = new HashSet<string>(StringComparer.Ordinal);
            var anyUnqualified = false;
            var joins = new List<(string, string)>();
            foreach (var conjunct in conditions.SelectMany(Conjuncts))
            {
                var (s, e) = (conjunct.Start, conjunct.End);
                var op = s;
                while (op < e && !At(op).IsSymbol("=") && !At(op).Is("in")) op = Skip(op);
                if (op == e) continue;
                var leftRange = new Slice(s, op);
                var rightRange = At(op).Is("in") && _match[op + 1] > op ? new Slice(op + 2, _match[op + 1]) : new Slice(op + 1, e);
                var (left, right) = (TenantColumnOf(leftRange), TenantColumnOf(rightRange));
                var pins = left is not null && right is null && IsValue(rightRange) ? left
                    : right is not null && left is null && At(op).IsSymbol("=") && IsValue(leftRange) ? right
                    : null;
                if (left is not null && right is not null) joins.Add((left, right));
                else if (pins == "") anyUnqualified = true;
                else if (pins is not null) direct.Add(pins);
            }

            return (direct, anyUnqualified, joins);
        }

        /// <summary>A condition's top-level ANDs, looking inside parentheses around ANDs; a part holding an OR is dropped.</summary>
        private IEnumerable<Slice> Conjuncts(Slice r)
        {
            var (s, e) = (r.Start, r.End);
            var from = s;
            var hasOr = false;
            var inBetween = false; // BETWEEN a AND b: that AND joins no conditions
            for (var i = s; i <= e; i = i < e ? Skip(i) : i + 1)
            {
                if (i < e)
                {
                    hasOr |= At(i).Is("or");
                    if (At(i).Is("between")) inBetween = true;
                    if (!At(i).Is("and")) continue;
                    if (inBetween)
                    {
                        inBetween = false;
                        continue;
                    }
                }

                if (!hasOr && i > from)
                {
                    if (At(from).IsSymbol("(") && _match[from] == i - 1 && !IsQuery(from + 1))
                    {
                        foreach (var inner in Conjuncts(new Slice(from + 1, i - 1))) yield return inner;
                    }
                    else
                    {
                        yield return new Slice(from, i);
                    }
                }

                from = i + 1;
                hasOr = false;
            }
        }

        /// <summary>"alias" for <c>alias.tenant_id</c>, "" for a bare <c>tenant_id</c> (either with casts after), or null.</summary>
        private string? TenantColumnOf(Slice r)
        {
            var (s, e) = (r.Start, r.End);
            while (e - s > 2 && At(e - 2).IsSymbol("::") && At(e - 1).IsName) e -= 2;
            if (e - s == 1 && At(s).IsName && At(s).Text == TenantColumn) return "";
            if (e - s == 3 && At(s).IsName && At(s + 1).IsSymbol(".") && At(s + 2).IsName && At(s + 2).Text == TenantColumn) return At(s).Text;
            return null;
        }

        /// <summary>
        /// A parameter, literal or setting (current_setting(...)), with casts and function calls around it, and no column in
        /// it: what pins a reference to one tenant (or a list of them).
        /// </summary>
        private bool IsValue(Slice r)
        {
            var hasValue = false;
            for (var i = r.Start; i < r.End; i++)
            {
                var t = At(i);
                if (t.Kind is Kind.Parameter or Kind.Text or Kind.Number) hasValue = true;
                else if (t.Is("select") || t.IsSymbol(".")) return false;
                else if (t.IsName && !At(i + 1).IsSymbol("(") && !At(i - 1).IsSymbol("::") && !At(i - 1).Is("as") && !(t.Kind == Kind.Word && ValueWords.Contains(t.Text)))
                    return false; // a column
            }

            return hasValue;
        }
    }
}
