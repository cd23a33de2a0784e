//! A hand-built catalog with every object kind, written the way PostgreSQL 15 prints
//! definitions with `search_path = ''` (shared by the ddl and dump snapshot tests).

use crate::model::*;

mod types;
pub use types::*;

fn qn(schema: &str, name: &str) -> QualifiedName {
    QualifiedName::new(schema, name)
}

fn grants(list: &[(&str, &str, bool)]) -> crate::model::Set<Grant> {
    list.iter()
        .map(|(grantee, privilege, with_grant_option)| Grant {
            grantee: grantee.to_string(),
            privilege: privilege.to_string(),
            with_grant_option: *with_grant_option,
        })
        .collect()
}

fn deps(list: &[ObjectId]) -> crate::model::Set<ObjectId> {
    list.iter().cloned().collect()
}

fn col(name: &str, type_name: &str) -> Column {
    Column {
        name: name.into(),
        type_name: type_name.into(),
        collation: None,
        default: None,
        default_volatile: false,
        not_null: false,
        not_null_name: None,
        identity: None,
        generated: None,
        inherited: false,
        storage: None,
        compression: None,
        comment: None,
        grants: Default::default(),
        depends_on: Default::default(),
    }
}

fn table(name: QualifiedName, columns: Vec<Column>) -> Table {
    Table {
        name,
        unlogged: false,
        partition_key: None,
        partition_of: None,
        inherits: vec![],
        rls_enabled: false,
        rls_forced: false,
        replica_identity: ReplicaIdentity::Default,
        options: vec![],
        access_method: None,
        columns,
        constraints: Map::new(),
        indexes: Map::new(),
        triggers: Map::new(),
        policies: Map::new(),
        defined: Map::new(),
        comment: None,
        grants: Default::default(),
        depends_on: Default::default(),
    }
}

fn constraint(name: &str, kind: ConstraintKind, definition: &str, columns: &[&str]) -> Constraint {
    Constraint {
        name: name.into(),
        kind,
        definition: definition.into(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        validated: !definition.ends_with("NOT VALID"),
        deferrable: definition.contains(" DEFERRABLE"),
        initially_deferred: definition.contains("INITIALLY DEFERRED"),
        references: None,
        inherited: false,
        comment: None,
        depends_on: Default::default(),
    }
}

fn index(name: &str, definition: &str) -> Index {
    Index {
        name: name.into(),
        definition: definition.into(),
        unique: definition.starts_with("CREATE UNIQUE"),
        method: "btree".into(),
        valid: true,
        partition_of: None,
        comment: None,
        depends_on: Default::default(),
    }
}

fn keyed<V: Keyed<Key = String>, M: FromIterator<(String, V)>>(items: Vec<V>) -> M {
    items.into_iter().map(|v| (v.key(), v)).collect()
}

fn func_id(schema: &str, name: &str, args: &str) -> FunctionId {
    FunctionId {
        schema: schema.into(),
        name: name.into(),
        args: args.into(),
    }
}

pub fn orders() -> Table {
    let name = qn("public", "orders");
    let mut id = col("id", "bigint");
    id.not_null = true;
    id.identity = Some(identity());
    let mut customer = col("customer", "text");
    customer.collation = Some(qn("pg_catalog", "C"));
    customer.not_null = true;
    customer.comment = Some("who ordered".into());
    customer.grants = grants(&[("Report Reader", "SELECT", false)]);
    let mut status = col("status", "public.mood");
    status.default = Some("'ok'::public.mood".into());
    status.depends_on = deps(&[ObjectId::Type {
        name: qn("public", "mood"),
    }]);
    let mut qty = col("qty", "integer");
    qty.default = Some("1".into());
    qty.not_null = true;
    let mut price = col("price", "public.positive_price");
    price.depends_on = deps(&[ObjectId::Type {
        name: qn("public", "positive_price"),
    }]);
    let mut total = col("total", "numeric");
    total.generated = Some("((qty)::numeric * (price)::numeric)".into());
    let note = col("Note", "character varying(20)");
    let mut t = table(
        name.clone(),
        vec![id, customer, status, qty, price, total, note],
    );
    t.constraints = keyed(vec![
        constraint(
            "orders_pkey",
            ConstraintKind::PrimaryKey,
            "PRIMARY KEY (id)",
            &["id"],
        ),
        constraint(
            "orders_qty_check",
            ConstraintKind::Check,
            "CHECK ((qty > 0))",
            &["qty"],
        ),
    ]);
    let mut invalid = index(
        "orders_customer_idx",
        "CREATE INDEX orders_customer_idx ON public.orders USING btree (customer)",
    );
    invalid.valid = false;
    let mut by_status = index(
        "orders_lower_note_idx",
        "CREATE UNIQUE INDEX orders_lower_note_idx ON public.orders USING btree (lower((\"Note\")::text)) WHERE (status IS NOT NULL)",
    );
    by_status.comment = Some("one note per status".into());
    t.indexes = keyed(vec![invalid, by_status]);
    t.triggers = keyed(vec![Trigger {
        name: "orders_audit".into(),
        definition: "CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION app.audit_row()".into(),
        enabled: "D".into(),
        comment: Some("audit trail".into()),
        depends_on: Default::default(),
    }]);
    t.policies = keyed(vec![Policy {
        name: "owner_only".into(),
        permissive: false,
        command: "UPDATE".into(),
        roles: vec!["Report Reader".into(), "app_user".into()],
        using: Some("(customer = CURRENT_USER)".into()),
        with_check: Some("(qty < 100)".into()),
        comment: Some("own rows".into()),
        depends_on: Default::default(),
    }]);
    t.rls_enabled = true;
    t.rls_forced = true;
    t.replica_identity = ReplicaIdentity::Index("orders_pkey".into());
    t.comment = Some("Customer orders".into());
    t.grants = grants(&[("app_user", "INSERT", false), ("app_user", "SELECT", true)]);
    t.depends_on = deps(&[ObjectId::Type {
        name: qn("public", "mood"),
    }]);
    t
}

fn order_items() -> Table {
    let name = qn("public", "Order Items");
    let mut id = col("id", "integer");
    id.not_null = true;
    id.default = Some("nextval('public.\"Order Items_id_seq\"'::regclass)".into());
    let mut order_id = col("order_id", "bigint");
    order_id.not_null = true;
    let mut q = col("Qty", "integer");
    q.comment = Some("pieces".into());
    let mut t = table(name, vec![id, order_id, q]);
    t.options = vec!["autovacuum_enabled=false".into(), "fillfactor=70".into()];
    let mut fk = constraint(
        "order_items_order_fk",
        ConstraintKind::ForeignKey,
        "FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE CASCADE DEFERRABLE",
        &["order_id"],
    );
    fk.references = Some(qn("public", "orders"));
    fk.comment = Some("parent order".into());
    t.constraints = keyed(vec![
        constraint(
            "Order Items_pkey",
            ConstraintKind::PrimaryKey,
            "PRIMARY KEY (id)",
            &["id"],
        ),
        fk,
        constraint(
            "qty_positive",
            ConstraintKind::Check,
            "CHECK ((\"Qty\" > 0)) NOT VALID",
            &["Qty"],
        ),
        constraint(
            "items_no_overlap",
            ConstraintKind::Exclude,
            "EXCLUDE USING btree (order_id WITH =, \"Qty\" WITH =)",
            &["order_id", "Qty"],
        ),
    ]);
    t
}

fn events() -> Vec<Table> {
    let mut at = col("at", "timestamp with time zone");
    at.not_null = true;
    let mut payload = col("payload", "jsonb");
    payload.default = Some("'{}'::jsonb".into());
    let mut parent = table(qn("public", "events"), vec![at, payload]);
    parent.partition_key = Some("RANGE (at)".into());
    parent.indexes = keyed(vec![index(
        "events_at_idx",
        "CREATE INDEX events_at_idx ON ONLY public.events USING btree (at)",
    )]);

    let inherit = |mut c: Column| {
        c.inherited = true;
        c
    };
    let mut p2024 = table(
        qn("public", "events_2024"),
        parent.columns.iter().cloned().map(inherit).collect(),
    );
    p2024.partition_of = Some(PartitionOf {
        parent: parent.name.clone(),
        bound: "FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')".into(),
    });
    p2024.columns[1].not_null = true;
    p2024.columns[1].default = None;
    let mut child_idx = index(
        "events_2024_at_idx",
        "CREATE INDEX events_2024_at_idx ON public.events_2024 USING btree (at)",
    );
    child_idx.partition_of = Some(qn("public", "events_at_idx"));
    p2024.indexes = keyed(vec![child_idx]);
    p2024.unlogged = true;
    p2024.depends_on = deps(&[ObjectId::Table {
        name: parent.name.clone(),
    }]);

    let mut default = table(
        qn("public", "events_default"),
        parent.columns.iter().cloned().map(inherit).collect(),
    );
    default.partition_of = Some(PartitionOf {
        parent: parent.name.clone(),
        bound: "DEFAULT".into(),
    });
    default.options = vec!["fillfactor=90".into()];
    vec![parent, p2024, default]
}

fn audit() -> Vec<Table> {
    let mut at = col("at", "timestamp with time zone");
    at.default = Some("now()".into());
    let mut parent = table(qn("app", "audit"), vec![at, col("who", "text")]);
    let check = constraint(
        "audit_who_check",
        ConstraintKind::Check,
        "CHECK ((who <> ''::text))",
        &["who"],
    );
    parent.constraints = keyed(vec![check.clone()]);
    let mut cols: Vec<Column> = parent
        .columns
        .iter()
        .cloned()
        .map(|mut c| {
            c.inherited = true;
            c
        })
        .collect();
    cols[1].not_null = true;
    cols.push(col("address", "app.\"Address\""));
    let mut child = table(qn("app", "audit_child"), cols);
    child.inherits = vec![parent.name.clone()];
    child.constraints = keyed(vec![Constraint {
        inherited: true,
        ..check
    }]);
    child.depends_on = deps(&[ObjectId::Type {
        name: qn("app", "Address"),
    }]);
    vec![parent, child]
}

fn views() -> Vec<View> {
    let orders = qn("public", "orders");
    let v = View {
        name: qn("public", "order_totals"),
        materialized: false,
        definition: " SELECT orders.customer,\n    orders.total\n   FROM public.orders\n  WHERE (orders.qty > 0);".into(),
        columns: vec![
            ViewColumn { name: "customer".into(), type_name: "text".into(), comment: Some("buyer".into()) },
            ViewColumn { name: "total".into(), type_name: "numeric".into(), comment: None },
        ],
        options: vec!["check_option=cascaded".into(), "security_barrier=true".into()],
        populated: true,
        access_method: None,
        indexes: Map::new(),
        triggers: Map::new(),
        defined: Map::new(),
        comment: Some("Positive orders".into()),
        grants: grants(&[("Report Reader", "SELECT", false)]),
        depends_on: deps(&[
            ObjectId::Table { name: orders.clone() },
            ObjectId::Column { table: orders.clone(), column: "total".into() },
        ]),
    };
    let mv = View {
        name: qn("public", "order_stats"),
        materialized: true,
        definition: " SELECT order_totals.customer,\n    public.total_qty(1) AS n\n   FROM public.order_totals;".into(),
        columns: vec![
            ViewColumn { name: "customer".into(), type_name: "text".into(), comment: None },
            ViewColumn { name: "n".into(), type_name: "integer".into(), comment: None },
        ],
        options: vec![],
        populated: true,
        access_method: Some("heap2".into()),
        triggers: Map::new(),
        defined: Map::new(),
        indexes: keyed(vec![index(
            "order_stats_customer_idx",
            "CREATE UNIQUE INDEX order_stats_customer_idx ON public.order_stats USING btree (customer)",
        )]),
        comment: None,
        grants: Default::default(),
        depends_on: deps(&[
            ObjectId::View { name: qn("public", "order_totals") },
            ObjectId::Function { id: func_id("public", "total_qty", "integer") },
            ObjectId::AccessMethod { name: "heap2".into() },
        ]),
    };
    vec![v, mv]
}

fn functions() -> Vec<Function> {
    let f =
        |id: FunctionId, kind, definition: &str, returns: Option<&str>, language: &str| Function {
            id,
            kind,
            definition: definition.into(),
            returns: returns.map(Into::into),
            language: language.into(),
            volatility: "v".into(),
            security_definer: false,
            config: vec![],
            comment: None,
            grants: Default::default(),
            depends_on: Default::default(),
        };
    let mut total = f(
        func_id("public", "total_qty", "integer"),
        FunctionKind::Function,
        "CREATE OR REPLACE FUNCTION public.total_qty(a integer)\n RETURNS integer\n LANGUAGE sql\nAS $function$select a + (select count(*)::int from public.orders)$function$\n",
        Some("integer"),
        "sql",
    );
    total.comment = Some("counts".into());
    total.grants = grants(&[("PUBLIC", "EXECUTE", false), ("app_user", "EXECUTE", true)]);
    let audit = f(
        func_id("app", "audit_row", ""),
        FunctionKind::Function,
        "CREATE OR REPLACE FUNCTION app.audit_row()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$begin insert into app.audit(who) values (current_user); return new; end$function$\n",
        Some("trigger"),
        "plpgsql",
    );
    let mut cleanup = f(
        func_id("app", "cleanup", "integer"),
        FunctionKind::Procedure,
        "CREATE OR REPLACE PROCEDURE app.cleanup(IN days integer)\n LANGUAGE sql\nAS $procedure$delete from app.audit where at < now() - make_interval(days => days)$procedure$\n",
        None,
        "sql",
    );
    cleanup.comment = Some("purge".into());
    cleanup.grants = grants(&[("app_user", "EXECUTE", false)]);
    vec![total, audit, cleanup]
}

/// A catalog with every object kind.
pub fn catalog() -> Catalog {
    let mut c = Catalog::default();
    for (name, comment, g) in [
        (
            "public",
            Some("standard public schema"),
            grants(&[
                ("PUBLIC", "USAGE", false),
                ("pg_database_owner", "CREATE", false),
                ("pg_database_owner", "USAGE", false),
                ("app_user", "CREATE", false),
            ]),
        ),
        (
            "app",
            Some("application internals"),
            grants(&[("app_user", "USAGE", false)]),
        ),
        ("Sales Data", None, crate::model::Set::new()),
    ] {
        c.schemas.insert(
            name.into(),
            Schema {
                name: name.into(),
                comment: comment.map(Into::into),
                grants: g,
            },
        );
    }
    for (name, schema, version, comment) in [
        (
            "plpgsql",
            "pg_catalog",
            "1.0",
            "PL/pgSQL procedural language",
        ),
        (
            "pg_trgm",
            "public",
            "1.6",
            "text similarity measurement and index searching based on trigrams",
        ),
    ] {
        c.extensions.insert(
            name.into(),
            Extension {
                name: name.into(),
                schema: schema.into(),
                version: version.into(),
                comment: Some(comment.into()),
            },
        );
    }
    let nocase = Collation {
        name: qn("Sales Data", "No Case"),
        provider: CollationProvider::Icu,
        locale: Some("und-u-ks-level2".into()),
        lc_collate: None,
        lc_ctype: None,
        deterministic: false,
        comment: Some("case-insensitive".into()),
    };
    c.collations.insert(nocase.name.clone(), nocase);
    // A table access method, used by the materialized view.
    c.access_methods.insert(
        "heap2".into(),
        AccessMethod {
            name: "heap2".into(),
            kind: "TABLE".into(),
            handler: qn("pg_catalog", "heap_tableam_handler"),
            comment: Some("heap, renamed".into()),
        },
    );
    let e = mood();
    c.enums.insert(e.name.clone(), e);
    let d = positive_price();
    c.domains.insert(d.name.clone(), d);
    let a = address();
    c.composites.insert(a.name.clone(), a);
    let s = serial_sequence();
    c.sequences.insert(s.name.clone(), s);
    let mut inv = serial_sequence();
    inv.name = qn("Sales Data", "invoice_no");
    inv.data_type = "bigint".into();
    inv.max_value = 9223372036854775807;
    inv.start = 1000;
    inv.cycle = true;
    inv.owned_by = None;
    inv.comment = Some("invoice numbers".into());
    c.sequences.insert(inv.name.clone(), inv);
    let mut tables = vec![orders(), order_items()];
    tables.extend(events());
    tables.extend(audit());
    for mut t in tables {
        // A column of a user collation: the dump writes the collation first.
        if let Some(note) = t.columns.iter_mut().find(|c| c.name == "Note") {
            note.collation = Some(qn("Sales Data", "No Case"));
            note.depends_on = deps(&[ObjectId::Collation {
                name: qn("Sales Data", "No Case"),
            }]);
        }
        c.tables.insert(t.name.clone(), t);
    }
    for v in views() {
        c.views.insert(v.name.clone(), v);
    }
    for f in functions() {
        c.functions.insert(f.id.clone(), f);
    }
    c
}
