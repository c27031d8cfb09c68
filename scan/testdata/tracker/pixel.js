// A stand-in for Google Analytics and the Meta Pixel: first-party cookies
// written by a third-party script as soon as it loads.
document.cookie = "_ga=GA1.1.123.456; path=/; max-age=63072000";
document.cookie = "_ga_ABC123XYZ=GS1.1.789; path=/; max-age=63072000";
document.cookie = "_fbp=fb.1.123.456; path=/; max-age=7776000";
