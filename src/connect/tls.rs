//! TLS with libpq's `sslmode` semantics on rustls (ring provider).
//!
//! | sslmode         | chain checked                          | host name checked |
//! |-----------------|----------------------------------------|-------------------|
//! | prefer, require | only if a root certificate is available | no               |
//! | verify-ca       | yes (root certificate required)         | no               |
//! | verify-full     | yes (root certificate required)         | yes              |
//!
//! "Available" means `sslrootcert` was given, or `~/.postgresql/root.crt` exists: that is
//! what libpq does, so a user who set up a CA file keeps getting it checked.

use super::error::ConnectError;
use super::options::{ConnectOptions, SslMode};
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio_postgres_rustls::MakeRustlsConnect;

/// The rustls connector for `opts`, or an error naming the root certificate problem.
pub(super) fn make_tls_connector(
    opts: &ConnectOptions,
    target: &str,
) -> Result<MakeRustlsConnect, ConnectError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let roots = load_roots(opts, target)?;
    let verifier: Arc<dyn ServerCertVerifier> = match (opts.sslmode(), roots) {
        (SslMode::VerifyFull, Some(roots)) => webpki(roots, &provider, target)?,
        (_, Some(roots)) => Arc::new(ChainOnly(webpki(roots, &provider, target)?)),
        (SslMode::VerifyCa | SslMode::VerifyFull, None) => {
            let path = opts
                .default_rootcert
                .clone()
                .unwrap_or_else(|| PathBuf::from("~/.postgresql/root.crt"));
            return Err(ConnectError::RootCertificate {
                target: target.to_string(),
                path,
                reason: format!(
                    "does not exist; give sslrootcert or use a weaker sslmode than {}",
                    opts.sslmode()
                ),
            });
        }
        (_, None) => Arc::new(NoVerification(provider.signature_verification_algorithms)),
    };
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ConnectError::Tls {
            target: target.to_string(),
            reason: e.to_string(),
        })?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

/// The explicit root certificate (must load), else the default one if it exists.
fn load_roots(opts: &ConnectOptions, target: &str) -> Result<Option<RootCertStore>, ConnectError> {
    let path = match (&opts.sslrootcert, &opts.default_rootcert) {
        (Some(explicit), _) => explicit,
        (None, Some(default)) if default.is_file() => default,
        _ => return Ok(None),
    };
    read_roots(path)
        .map(Some)
        .map_err(|reason| ConnectError::RootCertificate {
            target: target.to_string(),
            path: path.clone(),
            reason,
        })
}

fn read_roots(path: &Path) -> Result<RootCertStore, String> {
    let mut roots = RootCertStore::empty();
    let certs = CertificateDer::pem_file_iter(path).map_err(|e| pem_reason(&e))?;
    for cert in certs {
        let cert = cert.map_err(|e| pem_reason(&e))?;
        roots
            .add(cert)
            .map_err(|e| format!("not a usable CA certificate: {e}"))?;
    }
    if roots.is_empty() {
        return Err("contains no PEM certificate".into());
    }
    Ok(roots)
}

fn pem_reason(e: &rustls::pki_types::pem::Error) -> String {
    match e {
        rustls::pki_types::pem::Error::Io(io) => io.to_string(),
        other => format!("not a PEM file: {other:?}"),
    }
}

fn webpki(
    roots: RootCertStore,
    provider: &Arc<CryptoProvider>,
    target: &str,
) -> Result<Arc<WebPkiServerVerifier>, ConnectError> {
    WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .map_err(|e| ConnectError::Tls {
            target: target.to_string(),
            reason: e.to_string(),
        })
}

/// `sslmode=require` without a root certificate: encryption, no authentication of the
/// server. Handshake signatures are still checked, so the session keys are sound.
#[derive(Debug)]
struct NoVerification(WebPkiSupportedAlgorithms);

impl ServerCertVerifier for NoVerification {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_schemes()
    }
}

/// `verify-ca`: the full WebPKI check minus the host name. WebPKI checks the chain before
/// the name, so a name mismatch error means the chain itself was fine.
#[derive(Debug)]
struct ChainOnly(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}
