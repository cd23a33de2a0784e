//! Introspection against a real PostgreSQL: every object kind of the kitchen sink read back
//! with its attributes, identifier torture, equality of two databases loaded from the same
//! file, and schema filters.

#[path = "introspect_support/pg.rs"]
mod pg;

use pg::Cluster;
use schemadiff::introspect::{Filter, introspect};
use schemadiff::model::*;

fn q(schema: &str, name: &str) -> QualifiedName {
    QualifiedName::new(schema, name)
}

fn grant(grantee: &str, privilege: &str, with_grant_option: bool) -> Grant {
    Grant {
        grantee: grantee.into(),
        privilege: privilege.into(),
        with_grant_option,
    }
}

fn column<'t>(table: &'t Table, name: &str) -> &'t Column {
    table
        .column(name)
        .unwrap_or_else(|| panic!("{} has no column {name}", table.name))
}

#[tokio::test]
async fn kitchen_sink_reads_every_kind_and_attribute() {
    let cluster = Cluster::start();
    let client = cluster.database_from("ks", "kitchen_sink.sql").await;
    let c = introspect(&client, &Filter::default())
        .await
        .expect("introspect");

    // schemas: public is listed with its comment and grants; system schemas are not
    let names: Vec<&str> = c.schemas.keys().map(String::as_str).collect();
    assert_eq!(names, ["app", "audit", "public"]);
    assert_eq!(
        c.schemas["public"].comment.as_deref(),
        Some("the public schema")
    );
    assert!(
        c.schemas["public"]
            .grants
            .contains(&grant("schemadiff_reader", "USAGE", false))
    );
    assert_eq!(
        c.schemas["app"].grants,
        [
            grant("schemadiff_reader", "USAGE", false),
            grant("schemadiff_writer", "CREATE", true),
            grant("schemadiff_writer", "USAGE", true),
        ]
        .into()
    );

    // extensions, and nothing of what they contain
    let ext = &c.extensions["btree_gist"];
    assert_eq!(
        (ext.schema.as_str(), ext.version.is_empty()),
        ("public", false)
    );
    assert_eq!(ext.comment.as_deref(), Some("gist opclasses for scalars"));
    assert!(
        c.functions.keys().all(|f| f.schema == "app"),
        "extension functions leaked"
    );

    // types
    let mood = &c.enums[&q("app", "mood")];
    assert_eq!(mood.values, ["sad", "meh", "ok", "happy"]);
    assert_eq!(mood.comment.as_deref(), Some("how it feels"));
    assert_eq!(
        mood.grants,
        [
            grant("PUBLIC", "USAGE", false),
            grant("schemadiff_reader", "USAGE", false)
        ]
        .into()
    );
    let positive = &c.domains[&q("app", "positive_int")];
    assert_eq!(positive.base_type, "integer");
    assert_eq!(positive.default.as_deref(), Some("1"));
    assert!(positive.not_null);
    assert!(
        positive.grants.is_empty(),
        "REVOKE USAGE FROM PUBLIC is kept"
    );
    assert_eq!(positive.checks["positive"].definition, "CHECK (VALUE > 0)");
    assert_eq!(
        positive.checks["positive"].comment.as_deref(),
        Some("must be positive")
    );
    assert!(!positive.checks["small"].validated);
    assert!(!positive.depends_on.contains(&ObjectId::Type {
        name: q("app", "positive_int")
    }));
    let code = &c.domains[&q("app", "code")];
    assert_eq!(code.base_type, "character varying(10)");
    assert_eq!(code.collation, Some(q("pg_catalog", "C")));
    let address = &c.composites[&q("app", "address")];
    let attrs: Vec<(&str, &str)> = address
        .attributes
        .iter()
        .map(|a| (a.name.as_str(), a.type_name.as_str()))
        .collect();
    assert_eq!(
        attrs,
        [
            ("street", "text"),
            ("city", "character varying(40)"),
            ("zip", "app.code")
        ]
    );
    assert_eq!(address.attributes[0].collation, Some(q("pg_catalog", "C")));
    assert!(address.depends_on.contains(&ObjectId::Type {
        name: q("app", "code")
    }));

    // sequences: options, OWNED BY; identity sequences are not listed
    let seq = &c.sequences[&q("app", "ticket_seq")];
    assert_eq!(
        (
            seq.data_type.as_str(),
            seq.start,
            seq.increment,
            seq.min_value,
            seq.max_value
        ),
        ("integer", 100, 5, 10, 100000)
    );
    assert_eq!((seq.cache, seq.cycle), (3, true));
    assert_eq!(
        seq.owned_by,
        Some((q("app", "orders"), "ticket".to_string()))
    );
    assert_eq!(seq.comment.as_deref(), Some("tickets"));
    assert_eq!(
        seq.grants,
        [
            grant("schemadiff_writer", "SELECT", false),
            grant("schemadiff_writer", "USAGE", false)
        ]
        .into()
    );
    let seq_names: Vec<String> = c.sequences.keys().map(|k| k.to_string()).collect();
    assert_eq!(seq_names, ["app.ticket_seq", "audit.log_id_seq"]);

    // tables
    let customers = &c.tables[&q("app", "customers")];
    assert!(customers.rls_enabled && customers.rls_forced);
    assert_eq!(
        customers.options,
        ["autovacuum_enabled=false", "fillfactor=70"]
    );
    assert_eq!(customers.comment.as_deref(), Some("people who buy"));
    assert!(
        customers
            .grants
            .contains(&grant("schemadiff_writer", "UPDATE", true))
    );
    assert!(
        !customers.grants.iter().any(|g| g.grantee == "postgres"),
        "owner ACL leaked"
    );
    let names: Vec<&str> = customers.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "id",
            "email",
            "name",
            "mood",
            "moods",
            "home",
            "score",
            "created_at",
            "name_upper"
        ]
    );
    let id = column(customers, "id");
    let identity = id.identity.as_ref().expect("identity");
    assert!(identity.always);
    assert_eq!(
        (
            identity.data_type.as_str(),
            identity.start,
            identity.increment,
            identity.max_value
        ),
        ("bigint", 1000, 10, 9999999)
    );
    assert_eq!(identity.cache, 2);
    assert!(id.not_null && id.default.is_none());
    let email = column(customers, "email");
    assert_eq!(email.collation, Some(q("pg_catalog", "C")));
    assert_eq!(email.comment.as_deref(), Some("login"));
    assert_eq!(
        email.grants,
        [
            grant("PUBLIC", "SELECT", false),
            grant("PUBLIC", "UPDATE", false)
        ]
        .into()
    );
    assert_eq!(
        column(customers, "name").type_name,
        "character varying(100)"
    );
    assert_eq!(
        column(customers, "mood").default.as_deref(),
        Some("'ok'::app.mood")
    );
    assert_eq!(column(customers, "moods").type_name, "app.mood[]");
    assert!(
        column(customers, "moods")
            .depends_on
            .contains(&ObjectId::Type {
                name: q("app", "mood")
            })
    );
    let upper = column(customers, "name_upper");
    assert_eq!(upper.generated.as_deref(), Some("upper((name)::text)"));
    assert_eq!(upper.default, None);
    let pkey = &customers.constraints["customers_pkey"];
    assert_eq!(
        (pkey.kind, pkey.columns.as_slice()),
        (ConstraintKind::PrimaryKey, &["id".to_string()][..])
    );
    assert_eq!(pkey.comment.as_deref(), Some("the key"));
    assert_eq!(
        customers.constraints["customers_email_key"].definition,
        "UNIQUE NULLS NOT DISTINCT (email)"
    );
    let own = &customers.policies["own_rows"];
    assert!(!own.permissive);
    assert_eq!(own.command, "UPDATE");
    assert_eq!(own.roles, ["schemadiff_reader", "schemadiff_writer"]);
    assert_eq!(own.using.as_deref(), Some("(email = CURRENT_USER)"));
    assert_eq!(own.with_check.as_deref(), Some("((score)::integer > 0)"));
    assert_eq!(own.comment.as_deref(), Some("only your own"));
    assert_eq!(customers.policies["everyone"].roles, ["PUBLIC"]);
    let touch = &customers.triggers["customers_touch"];
    assert!(
        touch
            .definition
            .contains("FOR EACH ROW WHEN ((new.email IS NOT NULL))")
    );
    assert_eq!(touch.comment.as_deref(), Some("keeps it fresh"));
    assert!(touch.depends_on.contains(&ObjectId::Function {
        id: FunctionId {
            schema: "app".into(),
            name: "touch".into(),
            args: String::new()
        }
    }));
    assert!(
        customers.indexes["customers_name_idx"]
            .definition
            .ends_with("(name varchar_pattern_ops, created_at DESC NULLS LAST)")
    );

    let orders = &c.tables[&q("app", "orders")];
    assert_eq!(orders.replica_identity, ReplicaIdentity::Full);
    let by_default = column(orders, "id").identity.as_ref().expect("identity");
    assert!(!by_default.always);
    assert_eq!(
        column(orders, "ticket").default.as_deref(),
        Some("nextval('app.ticket_seq'::regclass)")
    );
    assert!(
        column(orders, "ticket")
            .depends_on
            .contains(&ObjectId::Sequence {
                name: q("app", "ticket_seq")
            })
    );
    let fk = &orders.constraints["orders_customer_fk"];
    assert_eq!(fk.kind, ConstraintKind::ForeignKey);
    assert_eq!(
        fk.definition,
        "FOREIGN KEY (customer_id) REFERENCES app.customers(id) MATCH FULL ON UPDATE SET NULL \
         ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
    );
    assert!(fk.deferrable && fk.initially_deferred && fk.validated);
    assert_eq!(fk.references, Some(q("app", "customers")));
    assert!(fk.depends_on.contains(&ObjectId::Constraint {
        table: q("app", "customers"),
        name: "customers_pkey".into()
    }));
    let exclude = &orders.constraints["orders_no_overlap"];
    assert_eq!(exclude.kind, ConstraintKind::Exclude);
    assert_eq!(exclude.columns, ["room", "during"]);
    assert_eq!(
        orders.constraints["orders_positive_room"].definition,
        "CHECK (room > 0) NO INHERIT"
    );
    let cap = &orders.constraints["orders_amount_cap"];
    assert!(!cap.validated && cap.definition.ends_with("NOT VALID"));
    // indexes implementing constraints are the constraints, not indexes
    let index_names: Vec<&str> = orders.indexes.keys().map(String::as_str).collect();
    assert_eq!(index_names, ["orders_expr_idx"]);
    let expr = &orders.indexes["orders_expr_idx"];
    assert_eq!(
        expr.definition,
        "CREATE INDEX orders_expr_idx ON app.orders USING btree (lower((amount)::text) \
         COLLATE \"C\" DESC NULLS LAST) INCLUDE (ticket) WHERE (amount > (10)::numeric)"
    );
    assert_eq!(
        (expr.method.as_str(), expr.unique, expr.valid),
        ("btree", false, true)
    );
    assert_eq!(expr.comment.as_deref(), Some("partial expression index"));
    assert_eq!(orders.triggers["orders_log"].enabled, "D");
    assert!(
        orders.triggers["orders_log"]
            .definition
            .contains("REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT")
    );
    assert!(
        orders.triggers["orders_check"]
            .definition
            .starts_with("CREATE CONSTRAINT TRIGGER orders_check AFTER UPDATE")
    );

    let scratch = &c.tables[&q("app", "scratch")];
    assert!(scratch.unlogged);
    assert_eq!(
        scratch.replica_identity,
        ReplicaIdentity::Index("scratch_k_idx".into())
    );
    let invalid = &c.tables[&q("app", "dupes")].indexes["dupes_v_idx"];
    assert!(invalid.unique && !invalid.valid);

    let events = &c.tables[&q("app", "events")];
    assert_eq!(events.partition_key.as_deref(), Some("RANGE (happened_at)"));
    let p2024 = &c.tables[&q("app", "events_2024")];
    let bound = p2024.partition_of.as_ref().expect("partition");
    assert_eq!(bound.parent, q("app", "events"));
    assert_eq!(
        bound.bound,
        "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"
    );
    assert!(p2024.inherits.is_empty());
    assert!(column(p2024, "payload").inherited);
    assert_eq!(
        c.tables[&q("app", "events_default")]
            .partition_of
            .as_ref()
            .map(|p| p.bound.as_str()),
        Some("DEFAULT")
    );
    let part_index = &p2024.indexes["events_2024_happened_at_idx"];
    assert_eq!(
        part_index.partition_of,
        Some(q("app", "events_happened_idx"))
    );

    let child = &c.tables[&q("app", "child")];
    assert_eq!(child.inherits, [q("app", "base")]);
    assert!(column(child, "note").inherited && !column(child, "extra").inherited);
    assert!(child.constraints["base_note_check"].inherited);
    assert!(!c.tables[&q("app", "base")].constraints["base_note_check"].inherited);

    // views
    let big = &c.views[&q("app", "big_orders")];
    assert!(!big.materialized);
    assert_eq!(
        big.options,
        ["check_option=cascaded", "security_barrier=true"]
    );
    assert!(big.definition.contains("FROM app.orders o"));
    let cols: Vec<&str> = big.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(cols, ["id", "amount", "customer"]);
    assert_eq!(big.columns[2].comment.as_deref(), Some("customer email"));
    assert_eq!(big.comment.as_deref(), Some("large orders"));
    assert_eq!(
        big.grants,
        [grant("schemadiff_reader", "SELECT", false)].into()
    );
    assert!(big.depends_on.contains(&ObjectId::Column {
        table: q("app", "customers"),
        column: "id".into()
    }));
    let biggest = &c.views[&q("app", "biggest_orders")];
    assert!(biggest.depends_on.contains(&ObjectId::Column {
        table: q("app", "big_orders"),
        column: "amount".into()
    }));
    let stats = &c.views[&q("app", "order_stats")];
    assert!(stats.materialized && stats.populated);
    assert!(stats.indexes["order_stats_customer_idx"].unique);
    assert_eq!(stats.comment.as_deref(), Some("per customer"));
    assert!(!c.views[&q("app", "empty_stats")].populated);

    // functions and procedures
    let total = &c.functions[&FunctionId {
        schema: "app".into(),
        name: "order_total".into(),
        args: "bigint".into(),
    }];
    assert_eq!(total.kind, FunctionKind::Function);
    assert_eq!(
        (total.language.as_str(), total.volatility.as_str()),
        ("sql", "s")
    );
    assert_eq!(total.returns.as_deref(), Some("numeric"));
    assert!(total.definition.contains("BEGIN ATOMIC"));
    assert_eq!(
        total.grants,
        [grant("schemadiff_reader", "EXECUTE", false)].into()
    );
    assert_eq!(total.comment.as_deref(), Some("sum of orders"));
    assert!(total.depends_on.contains(&ObjectId::Column {
        table: q("app", "orders"),
        column: "amount".into()
    }));
    let touch_fn = &c.functions[&FunctionId {
        schema: "app".into(),
        name: "touch".into(),
        args: String::new(),
    }];
    assert!(touch_fn.security_definer);
    assert_eq!(touch_fn.config, ["search_path=pg_catalog, app"]);
    assert_eq!(touch_fn.grants, [grant("PUBLIC", "EXECUTE", false)].into());
    let archive = &c.functions[&FunctionId {
        schema: "app".into(),
        name: "archive".into(),
        args: "date, integer".into(),
    }];
    assert_eq!(
        (archive.kind, archive.returns.as_deref()),
        (FunctionKind::Procedure, None)
    );
    assert_eq!(archive.comment.as_deref(), Some("moves old rows"));
    let is_big = c
        .functions
        .keys()
        .find(|f| f.name == "is_big")
        .expect("is_big");
    assert_eq!(is_big.args, "app.mood");
}

#[tokio::test]
async fn same_file_twice_reads_equal_and_filters_apply() {
    let cluster = Cluster::start();
    let a = cluster.database_from("ks_a", "kitchen_sink.sql").await;
    let b = cluster.database_from("ks_b", "kitchen_sink.sql").await;
    let all = Filter::default();
    let from_a = introspect(&a, &all).await.expect("introspect a");
    let from_b = introspect(&b, &all).await.expect("introspect b");
    assert_eq!(from_a, from_b);

    // after a change they differ, so the equality above is not vacuous
    b.batch_execute("COMMENT ON TABLE app.orders IS 'changed'")
        .await
        .expect("comment");
    assert_ne!(
        from_a,
        introspect(&b, &all).await.expect("introspect b again")
    );

    let only_audit = Filter {
        include_schemas: vec!["audit".into()],
        exclude_schemas: vec![],
        owners: false,
    };
    let audit = introspect(&a, &only_audit).await.expect("audit only");
    assert_eq!(audit.schemas.keys().collect::<Vec<_>>(), ["audit"]);
    assert_eq!(
        audit
            .tables
            .keys()
            .map(|k| k.to_string())
            .collect::<Vec<_>>(),
        ["audit.log"]
    );
    assert!(audit.extensions.is_empty() && audit.functions.is_empty() && audit.enums.is_empty());
    assert_eq!(
        audit.tables[&q("audit", "log")],
        from_a.tables[&q("audit", "log")]
    );

    let no_app = Filter {
        include_schemas: vec![],
        exclude_schemas: vec!["app".into()],
        owners: false,
    };
    let rest = introspect(&a, &no_app).await.expect("without app");
    assert_eq!(rest.schemas.keys().collect::<Vec<_>>(), ["audit", "public"]);
    assert!(rest.tables.keys().all(|t| t.schema == "audit"));
    assert!(rest.extensions.contains_key("btree_gist"));
    assert!(rest.views.is_empty() && rest.sequences.keys().all(|s| s.schema == "audit"));
}

/// schemadiff's bookkeeping (`schemadiff.backups`, `schemadiff.backfills`, backups of dropped
/// data in `schemadiff_backup`) is never part of the schema, whatever the filter says: a
/// database that has it introspects equal to one that does not. The backups here reach into
/// the managed schema (a foreign key to it, its enum and sequence, a view and function over
/// it) as a dropped table moved there would.
#[tokio::test]
async fn bookkeeping_schemas_are_never_introspected() {
    let cluster = Cluster::start();
    let plain = cluster.database_from("bk_plain", "kitchen_sink.sql").await;
    let kept = cluster.database_from("bk_kept", "kitchen_sink.sql").await;
    kept.batch_execute(schemadiff::bookkeeping::BACKUPS_DDL)
        .await
        .expect("registry");
    kept.batch_execute(schemadiff::bookkeeping::BACKFILLS_DDL)
        .await
        .expect("backfills");
    kept.batch_execute(schemadiff::bookkeeping::BACKUP_SCHEMA_DDL)
        .await
        .expect("backup schema");
    kept.batch_execute(
        "CREATE TABLE schemadiff_backup.orders_old (
           id integer PRIMARY KEY,
           customer_id bigint REFERENCES app.customers (id),
           mood app.mood,
           ticket integer DEFAULT nextval('app.ticket_seq'),
           serial_id serial);
         CREATE INDEX ON schemadiff_backup.orders_old (customer_id);
         COMMENT ON TABLE schemadiff_backup.orders_old IS 'moved here';
         GRANT SELECT ON schemadiff_backup.orders_old TO schemadiff_reader;
         CREATE TABLE schemadiff_backup.customers_name_1 AS SELECT id, name FROM app.customers;
         CREATE TYPE schemadiff.state AS ENUM ('running', 'done');
         CREATE VIEW schemadiff.customer_names AS SELECT id, name FROM app.customers;
         CREATE FUNCTION schemadiff.moods() RETURNS SETOF app.mood LANGUAGE sql
           AS 'SELECT mood FROM app.customers';
         INSERT INTO schemadiff.backups (backup, kind, source_schema, source_table, plan)
           VALUES ('orders_old', 'table', 'app', 'orders_old', 'abc123');",
    )
    .await
    .expect("bookkeeping objects");

    let expected = introspect(&plain, &Filter::default())
        .await
        .expect("introspect plain");
    let filters = [
        Filter::default(),
        Filter {
            include_schemas: vec![],
            exclude_schemas: vec!["schemadiff".into()],
            owners: false,
        },
    ];
    for filter in &filters {
        let got = introspect(&kept, filter).await.expect("introspect kept");
        assert_eq!(got, expected, "{filter:?}");
    }
    // Naming them does not bring them in.
    let only = Filter {
        include_schemas: vec!["schemadiff".into(), "schemadiff_backup".into()],
        exclude_schemas: vec![],
        owners: false,
    };
    let none = introspect(&kept, &only).await.expect("introspect only");
    assert_eq!(none, introspect(&plain, &only).await.expect("plain only"));
    assert!(none.schemas.is_empty() && none.tables.is_empty() && none.views.is_empty());
    let with_app = Filter {
        include_schemas: vec!["app".into(), "schemadiff_backup".into()],
        exclude_schemas: vec![],
        owners: false,
    };
    assert_eq!(
        introspect(&kept, &with_app).await.expect("kept app"),
        introspect(&plain, &with_app).await.expect("plain app")
    );

    // Not vacuous: the same objects in a managed schema are read.
    kept.batch_execute("ALTER TABLE schemadiff_backup.customers_name_1 SET SCHEMA app")
        .await
        .expect("move");
    let moved = introspect(&kept, &Filter::default())
        .await
        .expect("introspect moved");
    assert!(moved.tables.contains_key(&q("app", "customers_name_1")));
    assert_ne!(moved, expected);
}

#[tokio::test]
async fn identifier_torture_names_survive() {
    let cluster = Cluster::start();
    let a = cluster
        .database_from("torture_a", "identifier_torture.sql")
        .await;
    let b = cluster
        .database_from("torture_b", "identifier_torture.sql")
        .await;
    let c = introspect(&a, &Filter::default())
        .await
        .expect("introspect");
    assert_eq!(
        c,
        introspect(&b, &Filter::default())
            .await
            .expect("introspect b")
    );

    let s = "My Schema";
    assert_eq!(c.schemas[s].comment.as_deref(), Some("it's \"quoted\""));
    let mood = &c.enums[&q(s, "Mood 😀")];
    assert_eq!(mood.values, ["Happy Face", "sad \"face\"", "it's ok", "🦀"]);
    let select = &c.domains[&q(s, "select")];
    assert_eq!(
        select.checks["Check \"Me\""].definition,
        "CHECK (VALUE <> 'x'::text)"
    );
    let pair = &c.composites[&q(s, "Pair")];
    assert_eq!(pair.attributes[2].type_name, "\"My Schema\".\"select\"");
    let seq = &c.sequences[&q(s, "Seq 🔢")];
    assert_eq!(
        seq.owned_by,
        Some((q(s, "Order Items"), "🦀 crab".to_string()))
    );

    let items = &c.tables[&q(s, "Order Items")];
    let names: Vec<&str> = items.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["Id", "user", "Quote\"d", "select", "Pair", "🦀 crab"]
    );
    assert_eq!(
        column(items, "Quote\"d").type_name,
        "\"My Schema\".\"Mood 😀\"[]"
    );
    assert_eq!(
        column(items, "Quote\"d").comment.as_deref(),
        Some("a \"quoted\" column")
    );
    assert_eq!(
        column(items, "🦀 crab").default.as_deref(),
        Some("nextval('\"My Schema\".\"Seq 🔢\"'::regclass)")
    );
    assert_eq!(
        column(items, "user").grants,
        [grant("schemadiff_reader", "SELECT", false)].into()
    );
    assert_eq!(items.constraints["PK Order"].columns, ["Id"]);
    assert_eq!(items.constraints["unique"].kind, ConstraintKind::Unique);
    assert_eq!(
        items.constraints["Check 🦀"].definition,
        "CHECK (\"🦀 crab\" > 0)"
    );

    let table = &c.tables[&q(s, "table")];
    assert_eq!(
        table.constraints["table_Id_fkey"].references,
        Some(q(s, "Order Items"))
    );
    assert!(
        table.indexes["Index \"Q\" 🚀"]
            .definition
            .contains("ON \"My Schema\".\"table\" USING btree (lower(\"where\"))")
    );
    assert_eq!(
        table.policies["Policy Ünïcode"].using.as_deref(),
        Some("(\"where\" <> 'hidden'::text)")
    );
    assert!(
        table.triggers["Trigger 🔔"]
            .definition
            .contains("EXECUTE FUNCTION \"My Schema\".\"Trig \"\"Fn\"\"\"()")
    );

    let thing = FunctionId {
        schema: s.into(),
        name: "Do Thing 🎉".into(),
        args: "\"My Schema\".\"Mood 😀\", integer".into(),
    };
    let function = &c.functions[&thing];
    assert_eq!(
        function.returns.as_deref(),
        Some("\"My Schema\".\"select\"")
    );
    assert!(
        function
            .grants
            .contains(&grant("schemadiff_writer", "EXECUTE", false))
    );
    assert!(function.depends_on.contains(&ObjectId::Type {
        name: q(s, "Mood 😀")
    }));

    let view = &c.views[&q(s, "View \"V\" 👀")];
    assert_eq!(view.columns[1].name, "User Name");
    let group = &c.views[&q(s, "group")];
    assert!(group.materialized && group.indexes.contains_key("MV Idx"));
    assert!(group.depends_on.contains(&ObjectId::Column {
        table: q(s, "View \"V\" 👀"),
        column: "Id".into()
    }));
}
