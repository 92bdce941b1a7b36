use super::{findings, read, Tool};

/// apache/maven-deploy-plugin#344 (the knowledge base's Maven sample).
#[test]
fn maven_names_the_repository_id_and_host() {
    let r = read("[ERROR] Failed to execute goal org.apache.maven.plugins:maven-deploy-plugin:2.8.2:deploy (default-deploy) on project fastfilter: Failed to deploy artifacts: Could not transfer artifact io.github.fastfilter:fastfilter:pom:1.0.3-SNAPSHOT from/to github (https://maven.pkg.github.com/FastFilter/fastfilter_java): status code: 401, reason phrase: Unauthorized (401)").unwrap();
    assert_eq!((r.tool, r.status), (Tool::Maven, 401));
    assert_eq!(r.host.as_deref(), Some("maven.pkg.github.com"));
    assert_eq!(r.target.as_deref(), Some("github"));
}

/// camunda/connectors#7319: Maven breaks its message over lines.
#[test]
fn maven_over_several_lines() {
    let r = read("Could not transfer artifact io.camunda.connector:connector-aws-parent:pom:... \nfrom/to camunda-nexus (https://artifacts.camunda.com/artifactory/connectors-snapshots/): \nstatus code: 401").unwrap();
    assert_eq!(r.target.as_deref(), Some("camunda-nexus"));
    assert_eq!(r.host.as_deref(), Some("artifacts.camunda.com"));
    assert_eq!(
        findings("Could not transfer artifact x from/to a (https://a.test/): \nstatus code: 401")
            .unwrap()
            .id
            .as_str(),
        "maven.unauthorized"
    );
}

#[test]
fn kubectl_and_git() {
    // vscode-kubernetes-tools#402.
    let k = read("error: You must be logged in to the server (Unauthorized)").unwrap();
    assert_eq!((k.tool, k.status), (Tool::Kubectl, 401));
    // apache/superset#39624: the message broken over two lines.
    let g = read("  remote: Permission to apache/superset.git denied to studentmed.\n  fatal: unable to access 'https://github.com/apache/superset/':\n  The requested URL returned error: 403").unwrap();
    assert_eq!((g.tool, g.status), (Tool::Git, 403));
    assert_eq!(g.host.as_deref(), Some("github.com"));
}

/// A number that is not a status, or a status with no tool around it, is not a refusal.
#[test]
fn no_tool_no_refusal() {
    assert!(read("HTTP/1.1 401 Unauthorized").is_none());
    assert!(read("npm ERR! code E404\nnpm ERR! 404 Not Found - GET https://registry.npmjs.org/x - version 4013 not found").is_none());
}
