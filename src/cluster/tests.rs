use super::*;

#[test]
fn conninfo_values_are_quoted_only_when_needed() {
    assert_eq!(conninfo_value("sdt_a_1_2"), "sdt_a_1_2");
    assert_eq!(conninfo_value(""), "''");
    assert_eq!(conninfo_value("my db"), "'my db'");
    assert_eq!(conninfo_value(r"it's\x"), r"'it\'s\\x'");
}

#[test]
fn picked_ports_are_in_range_and_vary_by_attempt() {
    let dir = tempfile::tempdir().unwrap();
    let ports: Vec<u16> = (1..=3).map(|a| pick_port(dir.path(), a)).collect();
    for p in &ports {
        assert!(PORT_RANGE.contains(&u32::from(*p)), "{p}");
    }
    assert!(ports[0] != ports[1] || ports[1] != ports[2], "{ports:?}");
}

#[test]
fn socket_root_stays_short() {
    let (_, socket) = temp_roots(false);
    assert!(socket.as_os_str().len() <= 60, "{}", socket.display());
    assert_eq!(
        temp_roots(true),
        (PathBuf::from("/tmp"), PathBuf::from("/tmp"))
    );
}

#[test]
fn connection_string_names_socket_port_user_and_db() {
    // No server needed to format a string; the fields are what start() fills in.
    let c = EphemeralCluster {
        bin_dir: PathBuf::from("/b"),
        base_dir: PathBuf::new(),
        data_dir: PathBuf::new(),
        socket_dir: PathBuf::from("/tmp/sdpg-x"),
        log_path: PathBuf::new(),
        port: 54321,
        major: 15,
        as_postgres: false,
        server: None,
        postmaster_pid: 0,
        watchdog: None,
        settings: Vec::new(),
    };
    assert_eq!(
        c.connection_string("app db"),
        "host=/tmp/sdpg-x port=54321 user=postgres dbname='app db'"
    );
}

/// The whole life of a real cluster: it starts, answers queries with the
/// version it claims, and leaves neither a process nor a directory after drop.
#[tokio::test]
async fn start_query_and_drop_leaves_nothing() {
    let cluster = EphemeralCluster::start().expect("start cluster");
    let (data, sock, base, pid) = (
        cluster.data_dir().to_path_buf(),
        cluster.host().to_path_buf(),
        cluster.base_dir.clone(),
        cluster.postmaster_pid(),
    );
    assert!(pid_alive(pid));
    assert!(sock.join(format!(".s.PGSQL.{}", cluster.port())).exists());

    let (client, conn) = tokio_postgres::connect(
        &cluster.connection_string("postgres"),
        tokio_postgres::NoTls,
    )
    .await
    .expect("connect");
    let conn = tokio::spawn(conn);
    let row = client
        .query_one(
            "SELECT current_setting('server_version_num')::int, current_setting('fsync'), \
             current_setting('listen_addresses'), current_user::text",
            &[],
        )
        .await
        .unwrap();
    let version_num: i32 = row.get(0);
    assert_eq!(version_num as u32 / 10000, cluster.server_major());
    assert_eq!(row.get::<_, String>(1), "off");
    assert_eq!(row.get::<_, String>(2), "");
    assert_eq!(row.get::<_, String>(3), "postgres");
    drop(client);
    let _ = conn.await;

    drop(cluster);
    assert!(!pid_alive(pid), "postmaster {pid} survived drop");
    for dir in [data, sock, base] {
        assert!(!dir.exists(), "{} survived drop", dir.display());
    }
}
