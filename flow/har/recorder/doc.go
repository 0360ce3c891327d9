// Command recorder records real-browser HAR files of "Login with Mubarokah ID" sign-ins
// for flow/har's tests.
package main
