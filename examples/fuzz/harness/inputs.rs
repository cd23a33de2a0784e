//! Seeded hostile inputs: real SQL from the corpus, mutated (byte flips, truncations,
//! splices, unbalanced quotes, dollar quotes and comments, huge identifiers, NULs, invalid
//! UTF-8), and connection strings built from URL and keyword-string fragments.

/// SplitMix64: tiny, fast, and the same sequence for the same seed everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Fragments that stress the lexer, the classifier, annotations and session parsing.
const SQL_PIECES: &[&str] = &[
    "'",
    "\"",
    "$$",
    "$a$",
    "$a",
    "$1",
    "/*",
    "*/",
    "--",
    "\n",
    ";",
    "E'\\",
    "e'\\''",
    "''",
    "\"\"",
    "(",
    ")",
    ",",
    ".",
    "\\",
    "\\i ",
    "\\ir ",
    "\\restrict key\n",
    "\\unrestrict key\n",
    "\\connect x\n",
    "BEGIN ATOMIC ",
    " END",
    " CASE ",
    "create function f() returns int language sql begin atomic select 1; end;",
    "-- schemadiff:renamed from=old\n",
    "-- schemadiff:backfill using=\"a + 1\" reverse=\"\\\"\"\n",
    "-- schemadiff:\n",
    "-- schemadiff:x a=\"unterminated\n",
    "-- schemadiff:k a=1 a=2\n",
    "-- schemadiff:renamed from=\"Old App\".x mode=instant\n",
    "-- schemadiff:renamed from=a.\"B\"\n",
    "create table t (\n",
    "create index i on only t (a)",
    " primary key (a)",
    " exclude using gist (a with =)",
    "SET search_path = app, public;\n",
    "SET search_path TO '';\n",
    "SET LOCAL x = 1;\n",
    "SELECT pg_catalog.set_config('search_path', '', false);\n",
    "SELECT set_config('search_path', '\"a,b', false);\n",
    "RESET ALL;\n",
    "SET ROLE x;\n",
    "SET TIME ZONE 'UTC';\n",
    "SET x.y = -;\n",
    "SET = ;\n",
    "DO $$ BEGIN CREATE ROLE r; END $$;\n",
    "DO $$ BEGIN EXECUTE format('CREATE ROLE %I', 'x'); END $$;\n",
    "DO LANGUAGE plpgsql $$ $$;\n",
    "ALTER TABLE t OWNER TO bob;\n",
    "ALTER FUNCTION f(int, text) OWNER TO x;\n",
    "create table \"",
    "create view v as select * from ",
    "create index i on ",
    "comment on column a.b.c.d is ",
    "grant select on all tables in schema s to r;\n",
    "alter table only t attach partition ",
    "alter table t alter column c add generated always as identity (sequence name s.q);\n",
    "nextval('\"a.b\".\"c')",
    "create schema authorization ",
    "create extension x with schema ",
    "\u{feff}",
    "é",
    "😀",
    "\u{0}",
    "\r\n",
    "\t",
    "ＳＥＬＥＣＴ",
    "\u{2028}",
];

const CONN_PIECES: &[&str] = &[
    "postgres://",
    "postgresql://",
    "POSTGRES://",
    "mysql://",
    "://",
    "@",
    ":",
    "/",
    "?",
    "&",
    "=",
    "%",
    "%2",
    "%zz",
    "%00",
    "%40",
    "[",
    "]",
    "[::1]",
    "[::1",
    ":5432",
    ":99999",
    ":-1",
    ":abc",
    "host=",
    "port=",
    "user=",
    "dbname=",
    "password=",
    "sslmode=",
    "sslrootcert=",
    "options=",
    "connect_timeout=",
    "application_name=",
    "passfile=",
    "service=",
    "requiressl=",
    "hostaddr=",
    "'",
    "\\",
    "\\'",
    " ",
    "  ",
    "\t",
    "\n",
    "a,b",
    "/tmp",
    "verify-full",
    "disable",
    "system",
    "-1",
    "0",
    "10",
    "2147483648",
    "é",
    "😀",
    "\u{0}",
];

/// The password every generated connection string carries: it must never show up in output.
pub const SECRET: &str = "Zq9SECRETpw7";

pub struct Generator {
    pub rng: Rng,
    corpus: Vec<Vec<u8>>,
}

impl Generator {
    pub fn new(seed: u64, corpus: Vec<Vec<u8>>) -> Generator {
        assert!(!corpus.is_empty(), "the fuzz corpus is empty");
        Generator {
            rng: Rng::new(seed),
            corpus,
        }
    }

    /// A piece of a corpus file, at most `max` bytes, cut anywhere (even inside a character).
    fn slice(&mut self, max: usize) -> Vec<u8> {
        let file = &self.corpus[self.rng.below(self.corpus.len())];
        if file.len() <= max {
            return file.clone();
        }
        let start = self.rng.below(file.len() - max + 1);
        let len = 1 + self.rng.below(max);
        file[start..start + len].to_vec()
    }

    /// One SQL file's bytes.
    pub fn sql(&mut self) -> Vec<u8> {
        let mut input = match self.rng.below(10) {
            // Pure noise, mostly from the interesting fragments.
            0 => (0..self.rng.below(40))
                .flat_map(|_| self.rng.pick(SQL_PIECES).as_bytes().to_vec())
                .collect(),
            1 => (0..self.rng.below(200))
                .map(|_| self.rng.next() as u8)
                .collect(),
            _ => self.slice(3000),
        };
        let mutations = self.rng.below(6);
        for _ in 0..mutations {
            self.mutate(&mut input);
        }
        input
    }

    fn mutate(&mut self, input: &mut Vec<u8>) {
        let at = self.rng.below(input.len() + 1);
        match self.rng.below(10) {
            0 if !input.is_empty() => {
                let i = self.rng.below(input.len());
                input[i] ^= 1 << self.rng.below(8);
            }
            1 => input.truncate(at),
            2 => {
                let end = (at + self.rng.below(64)).min(input.len());
                input.drain(at..end);
            }
            3 => {
                let piece = self.slice(400);
                input.splice(at..at, piece);
            }
            4 => {
                // Huge identifiers, quoted or bare, and long runs of one character.
                let n = 1 + self.rng.below(20_000);
                let piece = match self.rng.below(3) {
                    0 => format!("\"{}\"", "x".repeat(n)),
                    1 => "é".repeat(n),
                    _ => self
                        .rng
                        .pick(&["(", "'", "$", "-", "/*", "\\"])
                        .repeat(n.min(3000)),
                };
                input.splice(at..at, piece.into_bytes());
            }
            5 => input.insert(at, *self.rng.pick(&[0u8, 0xff, 0xc3, 0xe2, 0x80, b'\r'])),
            6 => {
                // Duplicate a range (repeated statements, repeated names).
                let end = (at + self.rng.below(200)).min(input.len());
                let copy = input[at..end].to_vec();
                input.splice(end..end, copy);
            }
            _ => {
                let piece = self.rng.pick(SQL_PIECES).as_bytes().to_vec();
                input.splice(at..at, piece);
            }
        }
    }

    /// One connection string (a URL or keyword string) with [`SECRET`] as the password,
    /// then mutated.
    pub fn conninfo(&mut self) -> String {
        let mut s = match self.rng.below(4) {
            0 => format!("postgres://u:{SECRET}@host:5432/db?sslmode=require"),
            1 => format!("host=h port=5432 password='{SECRET}' dbname=d"),
            2 => format!("postgresql://u:{SECRET}@[::1]:5/d?application_name=x&connect_timeout=3"),
            _ => format!("user=u password={SECRET} sslmode=verify-full sslrootcert=/x"),
        };
        for _ in 0..self.rng.below(6) {
            let at = floor_char_boundary(&s, self.rng.below(s.len() + 1));
            match self.rng.below(3) {
                0 => {
                    let piece = *self.rng.pick(CONN_PIECES);
                    s.insert_str(at, piece)
                }
                1 => {
                    let end = floor_char_boundary(&s, (at + self.rng.below(8)).min(s.len()));
                    s.replace_range(at..end, "");
                }
                _ => {
                    let bytes: Vec<u8> = (0..self.rng.below(6))
                        .map(|_| self.rng.next() as u8)
                        .collect();
                    s.insert_str(at, &String::from_utf8_lossy(&bytes));
                }
            }
        }
        s
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
