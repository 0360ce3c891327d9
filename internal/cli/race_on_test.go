//go:build race

package cli

// raceDetector is on: see TestWizardInterruptedExits130.
const raceDetector = true
